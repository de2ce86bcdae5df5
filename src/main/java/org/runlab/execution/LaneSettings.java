package org.runlab.execution;

import org.eclipse.microprofile.config.Config;

/**
 * How each engine's lane of waiting runs works.
 *
 * @param concurrency {@code runlab.run.concurrency}: server runs each engine runs at once
 * @param paidReservedShare share of those slots kept for PAID runs
 * @param agingSeconds every this many seconds of waiting moves a run up one tier
 */
public record LaneSettings(int concurrency, double paidReservedShare, long agingSeconds) {
  public static LaneSettings from(Config c) {
    return new LaneSettings(
        c.getValue("runlab.run.concurrency", Integer.class),
        c.getValue("runlab.queue.paid-reserved-share", Double.class),
        c.getValue("runlab.queue.aging-seconds", Long.class));
  }
}
