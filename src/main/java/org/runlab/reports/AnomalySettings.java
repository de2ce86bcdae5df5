package org.runlab.reports;

import java.math.BigDecimal;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * What the anomaly scan counts as unusual.
 *
 * @param factor spending more than this times the usual is a spike
 * @param learnerDayMinUsd a learner's day below this is never a spike
 * @param hourMinUsd an hour below this is never a spike
 * @param limitRuns this many TIME_LIMIT or CPU_LIMIT runs of one learner in a day are a loop
 * @param miningRuns this many runs busy at their CPU limit all their wall time, printing little
 * @param accountsPerAddress more accounts than this running code or signing up from one address a day
 * @param leaseIdleSeconds an E2B lease idle this long beyond the runs it served is a leak
 * @param orphanGrace a sandbox E2B lists without a lease is an orphan once it is this old
 */
public record AnomalySettings(
    BigDecimal factor,
    BigDecimal learnerDayMinUsd,
    BigDecimal hourMinUsd,
    int limitRuns,
    int miningRuns,
    int accountsPerAddress,
    long leaseIdleSeconds,
    Duration orphanGrace) {

  public static AnomalySettings from(Config c) {
    return new AnomalySettings(
        c.getValue("runlab.anomaly.factor", BigDecimal.class),
        c.getValue("runlab.anomaly.learner-day-min-usd", BigDecimal.class),
        c.getValue("runlab.anomaly.hour-min-usd", BigDecimal.class),
        c.getValue("runlab.anomaly.limit-runs", Integer.class),
        c.getValue("runlab.anomaly.mining-runs", Integer.class),
        c.getValue("runlab.anomaly.accounts-per-address", Integer.class),
        c.getValue("runlab.anomaly.lease-idle-seconds", Long.class),
        c.getValue("runlab.anomaly.orphan-grace", Duration.class));
  }

  /** Far above the usual: at least {@code min}, and more than {@link #factor} times the usual. */
  public boolean spike(BigDecimal current, BigDecimal usual, BigDecimal min) {
    return current.compareTo(min) >= 0 && current.compareTo(usual.multiply(factor)) > 0;
  }
}
