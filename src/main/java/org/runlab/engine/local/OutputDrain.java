package org.runlab.engine.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads one output stream of a sandbox to its end: keeps the first {@code cap} bytes, streams
 * them to the sink as text, and on overflow raises the alarm once but keeps draining, so a full
 * pipe never blocks the program into looking like a timeout.
 */
final class OutputDrain implements Runnable {
  private final InputStream in;
  private final long cap;
  private final Consumer<String> sink;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(16 << 10);
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean truncated;

  OutputDrain(InputStream in, long cap, Consumer<String> sink, Runnable onOverflow) {
    this.in = in;
    this.cap = cap;
    this.sink = sink;
    this.onOverflow = onOverflow;
  }

  @Override
  public void run() {
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n != -1; n = in.read(buf)) {
        int room = (int) Math.min(n, Math.max(0, cap - kept.size()));
        if (room > 0) {
          kept.write(buf, 0, room);
          stream(buf, room);
        }
        if (room < n && !truncated) {
          truncated = true;
          onOverflow.run();
        }
      }
    } catch (IOException closed) {
      // the process is gone; what was read is kept
    } finally {
      done.countDown();
    }
  }

  private void stream(byte[] buf, int length) {
    for (int off = 0; off < length; ) {
      int chunk = Math.min(length - off, pending.remaining());
      pending.put(buf, off, chunk);
      off += chunk;
      pending.flip();
      CharBuffer chars = CharBuffer.allocate(pending.remaining());
      decoder.decode(pending, chars, false);
      pending.compact();
      chars.flip();
      if (chars.hasRemaining()) {
        try {
          sink.accept(chars.toString());
        } catch (RuntimeException sinkFailure) {
          // a failing listener must not stop the drain
        }
      }
    }
  }

  /** Waits until the stream has ended; false if it is still open after {@code millis}. */
  boolean awaitEnd(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  String text() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }

  boolean truncated() {
    return truncated;
  }
}
