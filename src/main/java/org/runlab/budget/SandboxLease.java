package org.runlab.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.runlab.engine.e2b.Lease;

/** One E2B sandbox's bill as stored: size as reported, purpose, learner, life and cost. */
@Entity
@Table(name = "sandbox_lease")
public class SandboxLease {
  @Id private UUID id;

  @Column(name = "sandbox_id", nullable = false, length = 64)
  private String sandboxId;

  @Column(nullable = false, length = 100)
  private String template;

  @Column(nullable = false)
  private int vcpus;

  @Column(name = "memory_mb", nullable = false)
  private int memoryMb;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Lease.Purpose purpose;

  @Column(length = 200)
  private String learner;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "claimed_at")
  private OffsetDateTime claimedAt;

  @Column(name = "ended_at")
  private OffsetDateTime endedAt;

  @Column(name = "billed_seconds")
  private Long billedSeconds;

  @Column(name = "idle_pool_seconds")
  private Long idlePoolSeconds;

  @Column(name = "cost_usd", precision = 30, scale = 16)
  private BigDecimal costUsd;

  @Column(name = "idle_pool_cost_usd", precision = 30, scale = 16)
  private BigDecimal idlePoolCostUsd;

  protected SandboxLease() {}

  /** A row for a lease the pool just opened. */
  public static SandboxLease of(Lease lease, Pricing pricing) {
    SandboxLease row = new SandboxLease();
    row.id = lease.id();
    row.sandboxId = lease.sandboxId();
    row.template = lease.template();
    row.vcpus = lease.vcpus();
    row.memoryMb = lease.memoryMb();
    row.purpose = lease.purpose();
    row.createdAt = lease.created().atOffset(ZoneOffset.UTC);
    row.update(lease, pricing);
    return row;
  }

  /** Copies what changes over a lease's life: the claim and the end with its price. */
  public void update(Lease lease, Pricing pricing) {
    learner = lease.learner();
    claimedAt = lease.claimed() == null ? null : lease.claimed().atOffset(ZoneOffset.UTC);
    if (lease.ended() != null) {
      endedAt = lease.ended().atOffset(ZoneOffset.UTC);
      billedSeconds = lease.seconds();
      idlePoolSeconds = lease.idlePoolSeconds();
      costUsd = pricing.e2bSeconds(lease.seconds(), lease.vcpus(), lease.memoryMb());
      idlePoolCostUsd = pricing.e2bSeconds(lease.idlePoolSeconds(), lease.vcpus(), lease.memoryMb());
    }
  }

  /**
   * Closes a lease whose sandbox can no longer be alive (Runlab stopped before it recorded the
   * end), billed up to {@code end}, the latest its sandbox could have lived.
   */
  public void closeUnrecorded(OffsetDateTime end, long seconds, BigDecimal cost) {
    endedAt = end;
    billedSeconds = seconds;
    costUsd = cost;
    if (claimedAt == null) {
      idlePoolSeconds = seconds;
      idlePoolCostUsd = cost;
    } else {
      idlePoolSeconds = 0L;
      idlePoolCostUsd = BigDecimal.ZERO;
    }
  }

  public int getVcpus() {
    return vcpus;
  }

  public int getMemoryMb() {
    return memoryMb;
  }

  public UUID getId() {
    return id;
  }

  public String getSandboxId() {
    return sandboxId;
  }

  public Lease.Purpose getPurpose() {
    return purpose;
  }

  public String getLearner() {
    return learner;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getEndedAt() {
    return endedAt;
  }

  public Long getIdlePoolSeconds() {
    return idlePoolSeconds;
  }

  public BigDecimal getCostUsd() {
    return costUsd;
  }

  public BigDecimal getIdlePoolCostUsd() {
    return idlePoolCostUsd;
  }
}
