package org.runlab.engine;

/**
 * A place where learner code runs. Every server engine implements this and is a CDI bean, so the
 * {@link EngineRegistry} finds it: a new engine brings its own {@link EngineId}.
 */
public interface Engine {
  EngineId id();

  /** Whether runs may be routed here now. */
  Availability availability();

  /**
   * Whether this engine installs the packages a project's {@code requirements.txt} names (for a
   * tier allowed to install), rather than only checking them against what it has.
   */
  default boolean installsRequirements() {
    return false;
  }

  /**
   * Runs a program to completion, streaming output to {@code sink}. Never throws for anything the
   * program does; infrastructure failures come back as {@link RunResult#engineError}, refusals as
   * {@link RunResult#refused}, and a {@code cancellation} as {@link Verdict#CANCELLED}.
   */
  RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation);

  /**
   * Runs a program whose learner may type {@code input} while it runs. An engine that cannot feed
   * a running program gives it only the spec's stdin (this default).
   */
  default RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation, ProgramInput input) {
    return run(spec, sink, cancellation);
  }
}
