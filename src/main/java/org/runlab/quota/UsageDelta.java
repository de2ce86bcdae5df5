package org.runlab.quota;

import java.math.BigDecimal;

/** What to add to an identity's row of the day in {@code daily_usage}. */
public record UsageDelta(long serverRuns, long browserRuns, long refusedRuns, long refundedRuns, long cpuMs,
    BigDecimal costUsd) {
  public static final UsageDelta SERVER_RUN = new UsageDelta(1, 0, 0, 0, 0, BigDecimal.ZERO);
  public static final UsageDelta BROWSER_RUN = new UsageDelta(0, 1, 0, 0, 0, BigDecimal.ZERO);
  public static final UsageDelta REFUSED_RUN = new UsageDelta(0, 0, 1, 0, 0, BigDecimal.ZERO);
  public static final UsageDelta REFUNDED_RUN = new UsageDelta(0, 0, 0, 1, 0, BigDecimal.ZERO);

  /** Both changes at once. */
  public UsageDelta plus(UsageDelta o) {
    return new UsageDelta(serverRuns + o.serverRuns, browserRuns + o.browserRuns, refusedRuns + o.refusedRuns,
        refundedRuns + o.refundedRuns, cpuMs + o.cpuMs, costUsd.add(o.costUsd));
  }

  public static UsageDelta used(long cpuMs, BigDecimal cost) {
    return new UsageDelta(0, 0, 0, 0, cpuMs, cost == null ? BigDecimal.ZERO : cost);
  }
}
