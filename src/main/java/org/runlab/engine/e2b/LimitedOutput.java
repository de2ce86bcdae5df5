package org.runlab.engine.e2b;

import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;

/**
 * Passes output to the learner's sink and keeps a copy, until the run's output allowance is spent;
 * then it stops passing and cancels the execution.
 */
final class LimitedOutput implements OutputSink {
  private final OutputSink sink;
  private final long limit;
  private final Cancellation onExceeded;
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private long used;
  private boolean exceeded;
  private boolean any;

  LimitedOutput(OutputSink sink, long limit, Cancellation onExceeded) {
    this.sink = sink;
    this.limit = limit;
    this.onExceeded = onExceeded;
  }

  @Override
  public synchronized void stdout(String text) {
    String kept = take(text);
    if (!kept.isEmpty()) {
      stdout.append(kept);
      sink.stdout(kept);
    }
  }

  @Override
  public synchronized void stderr(String text) {
    String kept = take(text);
    if (!kept.isEmpty()) {
      stderr.append(kept);
      sink.stderr(kept);
    }
  }

  /** Not the program's output: passed on, never counted against its allowance. */
  @Override
  public void progress(String line) {
    sink.progress(line);
  }

  private String take(String text) {
    any = true;
    if (exceeded) {
      return "";
    }
    long room = limit - used;
    if (text.length() <= room) {
      used += text.length();
      return text;
    }
    exceeded = true;
    used = limit;
    onExceeded.cancel();
    return text.substring(0, (int) Math.max(0, room));
  }

  synchronized String stdoutText() {
    return stdout.toString();
  }

  synchronized String stderrText() {
    return stderr.toString();
  }

  synchronized boolean exceeded() {
    return exceeded;
  }

  /** Whether the learner has seen anything yet (then a run must not be replayed). */
  synchronized boolean anyOutput() {
    return any;
  }
}
