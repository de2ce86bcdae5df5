package org.runlab.limits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An admin's override of some limits, for a whole tier ({@code scope} TIER, {@code subject} the
 * tier's name) or for one learner ({@code scope} USER, {@code subject} the user's id).
 */
@Entity
@Table(name = "limit_override")
public class LimitOverride {
  public static final String TIER = "TIER";
  public static final String USER = "USER";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 8)
  private String scope;

  @Column(nullable = false, length = 80)
  private String subject;

  @Column(name = "runs_per_hour") private Integer runsPerHour;
  @Column(name = "runs_per_day") private Integer runsPerDay;
  @Column(name = "concurrent_runs") private Integer concurrentRuns;
  @Column(name = "wall_seconds") private Integer wallSeconds;
  @Column(name = "memory_mb") private Integer memoryMb;
  @Column(name = "e2b_allowed") private Boolean e2bAllowed;
  @Column(name = "max_queue_seconds") private Integer maxQueueSeconds;

  @Column(name = "updated_by", nullable = false, length = 200)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected LimitOverride() {}

  LimitOverride(String scope, String subject) {
    this.scope = scope;
    this.subject = subject;
  }

  void set(LimitValues v, String by, OffsetDateTime at) {
    runsPerHour = v.runsPerHour();
    runsPerDay = v.runsPerDay();
    concurrentRuns = v.concurrentRuns();
    wallSeconds = v.wallSeconds();
    memoryMb = v.memoryMb();
    e2bAllowed = v.e2bAllowed();
    maxQueueSeconds = v.maxQueueSeconds();
    updatedBy = by;
    updatedAt = at;
  }

  public LimitValues values() {
    return new LimitValues(runsPerHour, runsPerDay, concurrentRuns, wallSeconds, memoryMb, e2bAllowed, maxQueueSeconds);
  }

  public Long getId() {
    return id;
  }

  public String getScope() {
    return scope;
  }

  public String getSubject() {
    return subject;
  }

  public String getDescription() {
    return values().describe();
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }
}
