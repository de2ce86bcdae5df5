package org.runlab.engine.local;

import org.runlab.engine.Verdict;

/**
 * Turns what is known about a finished sandbox into a verdict, in the order that tells the many
 * ways of dying by SIGKILL (exit 137) apart: our own flags first, then the cgroup's counters, then
 * the exit code.
 */
final class VerdictClassifier {
  /** RLIMIT_CPU soft limit reached: SIGXCPU, reported by bwrap as 128 + 24. */
  static final int SIGXCPU_EXIT = 152;
  /** Set-up failures: the attach script and setpriv. */
  static final int SETUP_EXIT = 125;

  private VerdictClassifier() {}

  /**
   * What ended the run.
   *
   * @param facts flags set by the engine while the run went on, and counters read after it
   */
  static Verdict classify(RunFacts facts) {
    if (facts.cancelled()) {
      return Verdict.CANCELLED;
    }
    if (facts.wallTimeout()) {
      return Verdict.TIME_LIMIT;
    }
    if (facts.outputLimit()) {
      return Verdict.OUTPUT_LIMIT;
    }
    if (facts.oomKills() > 0) {
      return Verdict.MEMORY_LIMIT;
    }
    if (facts.exitCode() == SIGXCPU_EXIT || facts.cpuNanos() >= facts.cpuLimitNanos()) {
      return Verdict.CPU_LIMIT;
    }
    if (facts.exitCode() > 128) {
      return Verdict.RUNTIME_ERROR;
    }
    if (facts.exitCode() == SETUP_EXIT || facts.stderr().startsWith("bwrap:")) {
      return Verdict.ENGINE_ERROR;
    }
    return facts.exitCode() == 0 ? Verdict.OK : Verdict.RUNTIME_ERROR;
  }

  /** The evidence about one run. */
  record RunFacts(
      boolean cancelled,
      boolean wallTimeout,
      boolean outputLimit,
      long oomKills,
      int exitCode,
      long cpuNanos,
      long cpuLimitNanos,
      String stderr) {}
}
