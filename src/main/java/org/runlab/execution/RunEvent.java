package org.runlab.execution;

/** One Server-Sent Event of a run: queued, started, progress, stdout, stderr, input, notice or result. */
public record RunEvent(String name, String data) {
  public boolean isFinal() {
    return "result".equals(name);
  }
}
