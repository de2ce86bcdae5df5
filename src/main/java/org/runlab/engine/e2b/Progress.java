package org.runlab.engine.e2b;

import org.runlab.engine.OutputSink;

/** Passes an install's output to the learner's sink as progress, one whole line at a time. */
final class Progress implements OutputSink {
  private final OutputSink sink;
  private final StringBuilder partial = new StringBuilder();

  Progress(OutputSink sink) {
    this.sink = sink;
  }

  @Override
  public synchronized void stdout(String chunk) {
    partial.append(chunk);
    for (int nl; (nl = partial.indexOf("\n")) >= 0; ) {
      String line = partial.substring(0, nl).stripTrailing();
      partial.delete(0, nl + 1);
      if (!line.isBlank()) {
        sink.progress(line);
      }
    }
  }

  @Override
  public void stderr(String chunk) {
    stdout(chunk);
  }
}
