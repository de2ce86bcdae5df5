package org.runlab.execution;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

/**
 * How a run ended, as the ledger records it: from a server engine's result or a page's report.
 *
 * @param engine the engine's id, or "none" for a run that went nowhere
 */
public record RunOutcome(
    String engine,
    Verdict verdict,
    Integer exitCode,
    long wallTimeMs,
    long cpuTimeMs,
    long peakMemoryBytes,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    List<String> notices,
    BigDecimal costUsd,
    UUID leaseId,
    String verdictText) {

  public RunOutcome {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    notices = notices == null ? List.of() : List.copyOf(notices);
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
  }

  public RunOutcome(String engine, Verdict verdict, Integer exitCode, long wallTimeMs, long cpuTimeMs,
      long peakMemoryBytes, String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated,
      List<String> notices, BigDecimal costUsd, UUID leaseId) {
    this(engine, verdict, exitCode, wallTimeMs, cpuTimeMs, peakMemoryBytes, stdout, stderr, stdoutTruncated,
        stderrTruncated, notices, costUsd, leaseId, null);
  }

  /** This outcome with the verdict as the learner read it. */
  RunOutcome withVerdictText(String text) {
    return new RunOutcome(engine, verdict, exitCode, wallTimeMs, cpuTimeMs, peakMemoryBytes, stdout, stderr,
        stdoutTruncated, stderrTruncated, notices, costUsd, leaseId, text);
  }

  static RunOutcome of(RunResult r, BigDecimal cost, UUID leaseId) {
    return new RunOutcome(r.engine().id(), r.verdict(), r.exitCode(), r.wallTimeMs(), r.cpuTimeMs(),
        r.peakMemoryBytes(), r.stdout(), r.stderr(), r.stdoutTruncated(), r.stderrTruncated(),
        r.notices(), cost, leaseId);
  }

  /** A run that never ran anywhere, as its view says. */
  static RunOutcome of(RunView refused) {
    return new RunOutcome(refused.engine(), refused.verdict(), null, 0, 0, 0, "", "", false, false,
        refused.notices(), BigDecimal.ZERO, null);
  }

  long outputBytes() {
    return stdout.getBytes(StandardCharsets.UTF_8).length
        + (long) stderr.getBytes(StandardCharsets.UTF_8).length;
  }

  String noticesJson() {
    return JsonLists.array(notices);
  }
}
