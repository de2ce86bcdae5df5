package org.runlab.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One identity's usage on one day (UTC), for admins and reports; written by {@link UsageCounter}. */
@Entity
@Table(name = "daily_usage")
public class DailyUsage {
  /** The row's key: identity and day. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "identity_key", length = 80) private String identityKey;
    @Column(name = "usage_day") private LocalDate day;

    protected Key() {}

    public Key(String identityKey, LocalDate day) {
      this.identityKey = identityKey;
      this.day = day;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.identityKey.equals(identityKey) && k.day.equals(day);
    }

    @Override
    public int hashCode() {
      return Objects.hash(identityKey, day);
    }
  }

  @EmbeddedId private Key key;
  @Column(nullable = false, length = 16) private String tier;
  @Column(name = "server_runs", nullable = false) private long serverRuns;
  @Column(name = "browser_runs", nullable = false) private long browserRuns;
  @Column(name = "refused_runs", nullable = false) private long refusedRuns;
  @Column(name = "refunded_runs", nullable = false) private long refundedRuns;
  @Column(name = "cpu_ms", nullable = false) private long cpuMs;
  @Column(name = "cost_usd", nullable = false, precision = 30, scale = 16) private BigDecimal costUsd;

  protected DailyUsage() {}

  public String getIdentityKey() {
    return key.identityKey;
  }

  public LocalDate getDay() {
    return key.day;
  }

  public String getTier() {
    return tier;
  }

  public long getServerRuns() {
    return serverRuns;
  }

  public long getBrowserRuns() {
    return browserRuns;
  }

  public long getRefusedRuns() {
    return refusedRuns;
  }

  public long getRefundedRuns() {
    return refundedRuns;
  }

  public long getCpuMs() {
    return cpuMs;
  }

  public BigDecimal getCostUsd() {
    return costUsd;
  }
}
