package org.runlab.reports;

/** What the anomaly scan looks for, in the words the finance pages use. */
public enum AnomalyKind {
  /** A learner's day far above their 14-day average. */
  LEARNER_SPEND_SPIKE("Learner spend spike"),
  /** An hour far above the 7 days before's hourly average. */
  HOURLY_SPEND_SPIKE("Hourly spend spike"),
  /** Many TIME_LIMIT or CPU_LIMIT runs of one learner: a loop burning server time. */
  LIMIT_LOOP("Runs stuck at their limits"),
  /** Runs refused by the abuse signatures, or busy at their CPU limit all along with little output. */
  LIKELY_MINING("Likely mining"),
  /** Many accounts running code or signing up from one client address. */
  ACCOUNTS_PER_ADDRESS("Many accounts on one address"),
  /** An E2B lease much longer than the runs it served. */
  IDLE_LEASE("Idle E2B lease"),
  /** A sandbox E2B lists for this installation that no open lease knows. */
  ORPHAN_SANDBOX("Orphan E2B sandbox");

  private final String title;

  AnomalyKind(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public String getTitle() {
    return title;
  }
}
