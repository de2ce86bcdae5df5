package org.runlab.reports;

import java.time.Instant;

/**
 * One job execution as the repository and the progress rows tell it: state, times, and items read
 * and written out of the total (summed over the job's chunk steps).
 *
 * @param status Payara's batch status: STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED
 * @param instance the Runlab instance that last reported progress, or null
 */
public record JobRun(
    long executionId,
    long jobInstanceId,
    String jobName,
    String status,
    String exitStatus,
    Instant created,
    Instant started,
    Instant ended,
    long read,
    long written,
    long total,
    String instance,
    Instant heartbeat) {

  /** How far it is, 0 to 100: done is 100; a running job its items read out of the total. */
  public int percent() {
    if ("COMPLETED".equals(status)) {
      return 100;
    }
    return total <= 0 ? 0 : (int) Math.min(99, read * 100 / total);
  }

  public boolean running() {
    return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
  }

  /** Whether it can be restarted: it failed or was stopped (and is its job instance's latest). */
  public boolean restartable() {
    return "FAILED".equals(status) || "STOPPED".equals(status);
  }

  public long getExecutionId() {
    return executionId;
  }

  public String getJobName() {
    return jobName;
  }

  public String getStatus() {
    return status;
  }

  public String getExitStatus() {
    return exitStatus;
  }

  public Instant getCreated() {
    return created;
  }

  public Instant getStarted() {
    return started;
  }

  public Instant getEnded() {
    return ended;
  }

  public long getRead() {
    return read;
  }

  public long getWritten() {
    return written;
  }

  public long getTotal() {
    return total;
  }

  public String getInstance() {
    return instance;
  }

  public int getPercent() {
    return percent();
  }

  public boolean isRunning() {
    return running();
  }

  public boolean isRestartable() {
    return restartable();
  }
}
