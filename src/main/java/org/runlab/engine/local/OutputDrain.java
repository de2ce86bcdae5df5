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
 * pipe never blocks the program into looking like a timeout. A drain given a signal strips the
 * runner's "waiting for input" line from the stream and calls {@code onSignal} for each.
 */
final class OutputDrain implements Runnable {
  private final InputStream in;
  private final long cap;
  private final Consumer<String> sink;
  private final Runnable onOverflow;
  private final byte[] signal;
  private final Runnable onSignal;
  /** Bytes at the end of the last read that may begin a signal. */
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
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
    this(in, cap, sink, onOverflow, null, null);
  }

  OutputDrain(InputStream in, long cap, Consumer<String> sink, Runnable onOverflow, byte[] signal,
      Runnable onSignal) {
    this.in = in;
    this.cap = cap;
    this.sink = sink;
    this.onOverflow = onOverflow;
    this.signal = signal;
    this.onSignal = onSignal;
  }

  @Override
  public void run() {
    byte[] buf = new byte[8192];
    try {
      for (int read = in.read(buf); read != -1; read = in.read(buf)) {
        byte[] data = buf;
        int n = read;
        if (signal != null) {
          data = withoutSignals(buf, read);
          n = data.length;
        }
        int room = (int) Math.min(n, Math.max(0, cap - kept.size()));
        if (room > 0) {
          synchronized (kept) {
            kept.write(data, 0, room);
          }
          stream(data, room);
        }
        if (room < n && !truncated) {
          truncated = true;
          onOverflow.run();
        }
      }
      if (partial.size() > 0) {
        byte[] rest = partial.toByteArray();
        int room = (int) Math.min(rest.length, Math.max(0, cap - kept.size()));
        synchronized (kept) {
          kept.write(rest, 0, room);
        }
        stream(rest, room);
      }
    } catch (IOException closed) {
      // the process is gone; what was read is kept
    } finally {
      done.countDown();
    }
  }

  /** The bytes read with every complete signal taken out; a possible start of one waits. */
  private byte[] withoutSignals(byte[] buf, int read) {
    partial.write(buf, 0, read);
    byte[] all = partial.toByteArray();
    partial.reset();
    ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
    int i = 0;
    while (i < all.length) {
      int match = 0;
      while (match < signal.length && i + match < all.length && all[i + match] == signal[match]) {
        match++;
      }
      if (match == signal.length) {
        onSignal.run();
        i += match;
      } else if (i + match == all.length && match > 0) {
        partial.write(all, i, match);
        break;
      } else {
        out.write(all[i]);
        i++;
      }
    }
    return out.toByteArray();
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
