package org.runlab.reports;

/** The batch jobs' names (their JSL files in META-INF/batch-jobs/) and parameter names. */
public final class Jobs {
  /** Sums a period's ledger and leases into a stored cost report. */
  public static final String COST_REPORT = "cost-report";
  /** Looks for spending anomalies, one UTC day at a time, and stores and alerts findings. */
  public static final String ANOMALY_SCAN = "anomaly-scan";
  /** A one-step job run at start to prove the job repository is Runlab's own database. */
  static final String RUNTIME_CHECK = "runtime-check";

  static final String FROM = "from";
  static final String TO = "to";
  static final String KIND = "kind";
  static final String REQUESTED_BY = "requestedBy";
  static final String CHUNK_SIZE = "chunkSize";
  static final String NONCE = "nonce";

  private Jobs() {}
}
