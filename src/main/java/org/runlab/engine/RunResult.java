package org.runlab.engine;

import java.util.List;

/**
 * How a run ended and what it used.
 *
 * @param engine the engine's name ("local", "e2b", "browser")
 * @param exitCode the program's exit code, or null when it never ran or the engine cannot tell
 * @param notices things the learner should know (a file shadowing a standard module, an unmet
 *     requirement, why a run was refused)
 */
public record RunResult(
    String engine,
    Verdict verdict,
    Integer exitCode,
    String stdout,
    boolean stdoutTruncated,
    String stderr,
    boolean stderrTruncated,
    long wallTimeMs,
    long cpuTimeMs,
    long peakMemoryBytes,
    List<OutputFile> files,
    List<String> notices) {

  public RunResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    files = files == null ? List.of() : List.copyOf(files);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  /** A run that never started, with the reason for the learner. */
  public static RunResult refused(String engine, String reason) {
    return new RunResult(
        engine, Verdict.REFUSED, null, "", false, "", false, 0, 0, 0, List.of(), List.of(reason));
  }

  /** A run the engine could not carry out for infrastructure reasons. */
  public static RunResult engineError(String engine, String reason) {
    return new RunResult(
        engine, Verdict.ENGINE_ERROR, null, "", false, "", false, 0, 0, 0, List.of(),
        List.of(reason));
  }
}
