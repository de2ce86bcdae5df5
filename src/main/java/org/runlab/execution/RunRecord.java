package org.runlab.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.runlab.account.Tier;
import org.runlab.engine.Verdict;

/** One run in the usage ledger: who, where, how it ended, what it used and cost. */
@Entity
@Table(name = "run_record")
public class RunRecord {
  @Id private UUID id;

  @Column(name = "owner_key", nullable = false, length = 80)
  private String ownerKey;

  @Column(name = "user_id")
  private UUID userId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Tier tier;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "lesson_slug", length = 80)
  private String lessonSlug;

  @Column(name = "requested_engine", nullable = false, length = 16)
  private String requestedEngine;

  @Column(nullable = false, length = 16)
  private String engine;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private RunState state;

  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  private Verdict verdict;

  @Column(name = "exit_code")
  private Integer exitCode;

  @Column(name = "wall_time_ms", nullable = false)
  private long wallTimeMs;

  @Column(name = "cpu_time_ms", nullable = false)
  private long cpuTimeMs;

  @Column(name = "peak_memory_bytes", nullable = false)
  private long peakMemoryBytes;

  @Column(name = "output_bytes", nullable = false)
  private long outputBytes;

  @Column(name = "file_count", nullable = false)
  private int fileCount;

  @Column(name = "code_bytes", nullable = false)
  private long codeBytes;

  @Column(nullable = false, length = 4000)
  private String reasons;

  @Column(length = 4000)
  private String notices;

  @Column private String stdout;
  @Column private String stderr;

  @Column(name = "stdout_truncated", nullable = false)
  private boolean stdoutTruncated;

  @Column(name = "stderr_truncated", nullable = false)
  private boolean stderrTruncated;

  @Column(name = "cost_usd", nullable = false, precision = 30, scale = 16)
  private BigDecimal costUsd = BigDecimal.ZERO;

  /** The standard input the run was sent with, shown to operators (its code is in run_code). */
  @Column private String stdin;

  @Column(name = "lease_id")
  private UUID leaseId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "started_at")
  private OffsetDateTime startedAt;

  @Column(name = "finished_at")
  private OffsetDateTime finishedAt;

  @Column(name = "verdict_text", length = 300)
  private String verdictText;

  @Column(name = "code_hash", length = 64)
  private String codeHash;

  /** The instance that took the server run (null for runs that never reach one). */
  @Column(length = 80)
  private String instance;

  protected RunRecord() {}

  RunRecord(UUID id, String ownerKey, UUID userId, Tier tier, String clientAddress,
      String lessonSlug, String requestedEngine, String engine, RunState state, int fileCount,
      long codeBytes, String reasons) {
    this.id = id;
    this.ownerKey = ownerKey;
    this.userId = userId;
    this.tier = tier;
    this.clientAddress = clientAddress;
    this.lessonSlug = lessonSlug;
    this.requestedEngine = requestedEngine;
    this.engine = engine;
    this.state = state;
    this.fileCount = fileCount;
    this.codeBytes = codeBytes;
    this.reasons = reasons;
    this.createdAt = OffsetDateTime.now();
  }

  /** Keeps the stdin the run was sent with, for the console's run detail. */
  RunRecord withStdin(String standardInput) {
    this.stdin = standardInput;
    return this;
  }

  void finished(RunOutcome outcome, java.time.Instant engineStart) {
    this.state = RunState.FINISHED;
    if (engineStart != null) {
      this.startedAt = engineStart.atOffset(java.time.ZoneOffset.UTC);
    }
    this.engine = outcome.engine();
    this.verdict = outcome.verdict();
    this.exitCode = outcome.exitCode();
    this.wallTimeMs = outcome.wallTimeMs();
    this.cpuTimeMs = outcome.cpuTimeMs();
    this.peakMemoryBytes = outcome.peakMemoryBytes();
    this.stdout = outcome.stdout();
    this.stderr = outcome.stderr();
    this.stdoutTruncated = outcome.stdoutTruncated();
    this.stderrTruncated = outcome.stderrTruncated();
    this.outputBytes = outcome.outputBytes();
    this.notices = outcome.noticesJson();
    this.costUsd = outcome.costUsd();
    this.leaseId = outcome.leaseId();
    this.verdictText = outcome.verdictText() == null ? null
        : outcome.verdictText().substring(0, Math.min(300, outcome.verdictText().length()));
    this.finishedAt = OffsetDateTime.now();
  }

  /** The fields an operator needs to restore a record by hand (no output). */
  @Override
  public String toString() {
    return "RunRecord[id=" + id + ", owner=" + ownerKey + ", user=" + userId + ", tier=" + tier + ", lesson=" + lessonSlug
        + ", engine=" + engine + ", state=" + state + ", verdict=" + verdict + ", wallTimeMs=" + wallTimeMs
        + ", cpuTimeMs=" + cpuTimeMs + ", peakMemoryBytes=" + peakMemoryBytes + ", outputBytes=" + outputBytes
        + ", costUsd=" + costUsd + ", leaseId=" + leaseId + "]";
  }

  public UUID getId() { return id; }
  public String getOwnerKey() { return ownerKey; }
  public UUID getUserId() { return userId; }
  public Tier getTier() { return tier; }
  public String getClientAddress() { return clientAddress; }
  public String getLessonSlug() { return lessonSlug; }
  public String getRequestedEngine() { return requestedEngine; }
  public String getEngine() { return engine; }
  public RunState getState() { return state; }
  public Verdict getVerdict() { return verdict; }
  public Integer getExitCode() { return exitCode; }
  public long getWallTimeMs() { return wallTimeMs; }
  public long getCpuTimeMs() { return cpuTimeMs; }
  public long getPeakMemoryBytes() { return peakMemoryBytes; }
  public long getOutputBytes() { return outputBytes; }
  public String getReasons() { return reasons; }
  public String getNotices() { return notices; }
  public String getStdout() { return stdout; }
  public String getStderr() { return stderr; }
  public boolean isStdoutTruncated() { return stdoutTruncated; }
  public boolean isStderrTruncated() { return stderrTruncated; }
  public BigDecimal getCostUsd() { return costUsd; }
  public UUID getLeaseId() { return leaseId; }
  public String getStdin() { return stdin; }
  public OffsetDateTime getCreatedAt() { return createdAt; }
  public OffsetDateTime getStartedAt() { return startedAt; }
  public OffsetDateTime getFinishedAt() { return finishedAt; }
  public String getVerdictText() { return verdictText; }
  public String getCodeHash() { return codeHash; }

  /** Which stored project ({@code run_code}) this run ran. */
  public String getInstance() { return instance; }

  /** The instance that takes this server run; its death ends the run as ENGINE_ERROR. */
  RunRecord takenBy(String instanceName) {
    this.instance = instanceName;
    return this;
  }

  void codeHash(String hash) {
    this.codeHash = hash;
  }
}
