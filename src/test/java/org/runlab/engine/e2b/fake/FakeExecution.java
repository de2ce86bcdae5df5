package org.runlab.engine.e2b.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams one {@code /execute} response: the kernel's events as NDJSON, one flushed chunk (or two,
 * when split) per event, keepalives after silence, and the faults the test asked for.
 */
final class FakeExecution {
  private static final String UNEXPECTED_END =
      "{\"type\": \"error\", \"name\": \"UnexpectedEndOfExecution\", \"value\": \"Connection to the"
          + " execution was closed before the execution was finished\", \"traceback\": \"\"}";
  private static final String RESTARTING =
      "{\"type\": \"error\", \"name\": \"ContextRestarting\", \"value\": \"Context was restarted\","
          + " \"traceback\": \"\"}";
  private static final String END = "{\"type\": \"end_of_execution\"}";

  private final FakeE2b fake;
  private final FakeSandbox sandbox;
  private final FakeKernel kernel;
  private final OutputStream out;

  FakeExecution(FakeE2b fake, FakeSandbox sandbox, FakeKernel kernel, OutputStream out) {
    this.fake = fake;
    this.sandbox = sandbox;
    this.kernel = kernel;
    this.out = out;
  }

  void stream(String code) throws IOException {
    int generation = kernel.generation();
    boolean silent = FakeFaults.take(fake.faults.silentExecutions);
    kernel.submit(code, sandbox.id);
    try {
      boolean first = true;
      while (true) {
        if (fake.closed || fake.running(sandbox.id) == null) {
          return; // the sandbox is gone: the connection just drops
        }
        if (kernel.generation() != generation) {
          write(RESTARTING);
          write(END);
          return;
        }
        String line = kernel.next(silent && !first ? 100 : fake.faults.keepaliveInterval.toMillis());
        if (silent && !first) {
          continue; // swallow everything, never end, never keep alive: a hung template
        }
        if (line == null) {
          write("{\"type\": \"keepalive\"}");
          continue;
        }
        if (line.isEmpty()) {
          if (fake.running(sandbox.id) == null) {
            return; // killed with its sandbox: the proxy just drops the connection
          }
          write(UNEXPECTED_END);
          write(END);
          return;
        }
        first = false;
        if (fake.faults.unknownEvents) {
          write("{\"type\": \"x_future_event\", \"payload\": {\"nested\": [1, 2]}}");
          line = "{\"x_new_field\": {\"a\": [true, null]}, " + line.substring(1);
        }
        write(line);
        if (FakeKernel.isEnd(line)) {
          return;
        }
        if (line.contains("\"type\": \"stdout\"") && FakeFaults.take(fake.faults.cutExecutions)) {
          throw new IOException("the proxy cut the stream"); // interrupted below, as on a disconnect
        }
      }
    } catch (IOException gone) {
      // The client went away: interrupt the kernel so the context is free again (PR #237),
      // unless it was restarted meanwhile, which already freed it.
      if (kernel.generation() == generation) {
        kernel.interrupt();
        drainQuietly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drainQuietly() {
    try {
      kernel.drain(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    if (fake.faults.splitEvents && bytes.length > 2) {
      int half = bytes.length / 2;
      out.write(bytes, 0, half);
      out.flush();
      try {
        Thread.sleep(15);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.write(bytes, half, bytes.length - half);
    } else {
      out.write(bytes);
    }
    out.flush();
  }
}
