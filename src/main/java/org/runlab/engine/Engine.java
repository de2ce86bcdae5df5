package org.runlab.engine;

/** A place where learner code runs. Every server engine implements this. */
public interface Engine {
  /** The name used in results, config and metrics: "local", "e2b". */
  String name();

  /** Whether runs may be routed here now. */
  Availability availability();

  /**
   * Runs a program to completion, streaming output to {@code sink}. Never throws for anything the
   * program does; infrastructure failures come back as {@link Verdict#ENGINE_ERROR}, refusals as
   * {@link Verdict#REFUSED}, and a {@code cancellation} as {@link Verdict#CANCELLED}.
   */
  RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation);
}
