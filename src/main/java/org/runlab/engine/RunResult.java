package org.runlab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How a run ended and what it used. Build one with {@link #builder} or a named factory.
 *
 * @param exitCode the program's exit code, or null when it never ran or the engine cannot tell
 * @param notices things the learner should know (a file shadowing a standard module, an unmet
 *     requirement, why a run was refused)
 * @param failure for an engine that could not run the program at all (nothing of it reached the
 *     learner), why, completing "because ..."; such a run may be tried on another engine. Null
 *     otherwise
 * @param leaseId the sandbox lease the run used, for engines billed by lease (E2B); null otherwise
 * @param sessionKeptSeconds how long the engine keeps the learner's server session (installed
 *     packages, files written) for their next run, in seconds; 0 when it keeps none
 */
public record RunResult(
    EngineId engine,
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
    List<String> notices,
    String failure,
    UUID leaseId,
    long sessionKeptSeconds) {

  public RunResult {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(verdict, "verdict");
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    files = files == null ? List.of() : List.copyOf(files);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  public static Builder builder(EngineId engine, Verdict verdict) {
    return new Builder(engine, verdict);
  }

  /** A run that never started, with the reason for the learner. */
  public static RunResult refused(EngineId engine, String reason) {
    return builder(engine, Verdict.REFUSED).notice(reason).build();
  }

  /**
   * A run the engine could not carry out for infrastructure reasons, before any of it reached the
   * learner; {@code why} completes "because ..." (for example "the cloud sandbox failed").
   */
  public static RunResult engineError(EngineId engine, String why) {
    return builder(engine, Verdict.ENGINE_ERROR).notice("Your program could not run because " + why + ".")
        .failure(why).build();
  }

  /** A run stopped by its caller before or while it ran. */
  public static RunResult cancelled(EngineId engine, String notice) {
    Builder b = builder(engine, Verdict.CANCELLED);
    return notice == null ? b.build() : b.notice(notice).build();
  }

  /** A run that could not even start within its memory limit. */
  public static RunResult memoryLimit(EngineId engine, List<String> notices) {
    return builder(engine, Verdict.MEMORY_LIMIT).notices(notices).build();
  }

  /** Whether nothing of the run happened and another engine may try it. */
  public boolean mayRunElsewhere() {
    return verdict == Verdict.ENGINE_ERROR && failure != null;
  }

  /** This result with {@code notice} before its own notices. */
  public RunResult withNoticeFirst(String notice) {
    List<String> all = new ArrayList<>();
    all.add(notice);
    all.addAll(notices);
    return toBuilder().notices(all).build();
  }

  public Builder toBuilder() {
    return new Builder(engine, verdict).exitCode(exitCode).stdout(stdout, stdoutTruncated)
        .stderr(stderr, stderrTruncated).wallTimeMs(wallTimeMs).cpuTimeMs(cpuTimeMs)
        .peakMemoryBytes(peakMemoryBytes).files(files).notices(notices).failure(failure).leaseId(leaseId)
        .sessionKept(Duration.ofSeconds(sessionKeptSeconds));
  }

  /** Builds a {@link RunResult}; every field but the engine and verdict starts empty or zero. */
  public static final class Builder {
    private final EngineId engine;
    private final Verdict verdict;
    private Integer exitCode;
    private String stdout = "";
    private boolean stdoutTruncated;
    private String stderr = "";
    private boolean stderrTruncated;
    private long wallTimeMs;
    private long cpuTimeMs;
    private long peakMemoryBytes;
    private List<OutputFile> files = List.of();
    private final List<String> notices = new ArrayList<>();
    private String failure;
    private UUID leaseId;
    private long sessionKeptSeconds;

    private Builder(EngineId engine, Verdict verdict) {
      this.engine = engine;
      this.verdict = verdict;
    }

    public Builder exitCode(Integer code) {
      this.exitCode = code;
      return this;
    }

    public Builder stdout(String text, boolean truncated) {
      this.stdout = text;
      this.stdoutTruncated = truncated;
      return this;
    }

    public Builder stderr(String text, boolean truncated) {
      this.stderr = text;
      this.stderrTruncated = truncated;
      return this;
    }

    public Builder wallTimeMs(long ms) {
      this.wallTimeMs = ms;
      return this;
    }

    public Builder cpuTimeMs(long ms) {
      this.cpuTimeMs = ms;
      return this;
    }

    public Builder peakMemoryBytes(long bytes) {
      this.peakMemoryBytes = bytes;
      return this;
    }

    public Builder files(List<OutputFile> list) {
      this.files = list == null ? List.of() : list;
      return this;
    }

    public Builder notice(String notice) {
      this.notices.add(notice);
      return this;
    }

    /** Replaces the notices with {@code list}. */
    public Builder notices(List<String> list) {
      this.notices.clear();
      if (list != null) {
        this.notices.addAll(list);
      }
      return this;
    }

    Builder failure(String why) {
      this.failure = why;
      return this;
    }

    /** The sandbox lease the run used (engines billed by lease). */
    public Builder leaseId(UUID id) {
      this.leaseId = id;
      return this;
    }

    /** How long the learner's session is kept for their next run (zero: not kept). */
    public Builder sessionKept(Duration kept) {
      this.sessionKeptSeconds = kept == null ? 0 : kept.toSeconds();
      return this;
    }

    public RunResult build() {
      return new RunResult(engine, verdict, exitCode, stdout, stdoutTruncated, stderr, stderrTruncated,
          wallTimeMs, cpuTimeMs, peakMemoryBytes, files, notices, failure, leaseId, sessionKeptSeconds);
    }
  }
}
