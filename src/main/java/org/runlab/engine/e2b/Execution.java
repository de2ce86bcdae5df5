package org.runlab.engine.e2b;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What one {@code /execute} call produced, built event by event as the stream arrives. */
public final class Execution {
  /** One rich output: the cell's value ({@code mainResult}) or a displayed plot. */
  public record Output(boolean mainResult, String text, String pngBase64) {
    /** The PNG bytes, or null. */
    public byte[] png() {
      return pngBase64 == null ? null : Base64.getMimeDecoder().decode(pngBase64);
    }
  }

  /** The {@code error} event: the exception name, its message and the kernel's traceback. */
  public record Error(String name, String value, String traceback) {}

  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final List<Output> outputs = new ArrayList<>();
  private Error error;
  private Integer executionCount;
  private boolean finished;

  void appendStdout(String text) {
    stdout.append(text);
  }

  void appendStderr(String text) {
    stderr.append(text);
  }

  void add(Output output) {
    outputs.add(output);
  }

  void error(Error e) {
    this.error = e;
  }

  void executionCount(int n) {
    this.executionCount = n;
  }

  void finish() {
    finished = true;
  }

  public String stdout() {
    return stdout.toString();
  }

  public String stderr() {
    return stderr.toString();
  }

  public List<Output> outputs() {
    return List.copyOf(outputs);
  }

  /** The error event, or null when the cell ran through. */
  public Error error() {
    return error;
  }

  public Integer executionCount() {
    return executionCount;
  }

  /** Whether {@code end_of_execution} arrived. */
  public boolean finished() {
    return finished;
  }

  /** The text of the cell's value, or null. */
  public String text() {
    return outputs.stream().filter(Output::mainResult).map(Output::text).findFirst().orElse(null);
  }
}
