package org.runlab.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pre-started one-shot sandboxes of one kind, refilled in the background by a few threads (a start
 * mostly waits on the kernel, so starts overlap well). A sandbox leaves the pool for exactly one
 * run and is destroyed after it; an empty pool means a cold start.
 */
final class WarmPool implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());
  private static final long MAX_BACKOFF_MS = 10_000;

  /** Starts one sandbox of this pool's kind. */
  interface Starter {
    SandboxProcess start() throws Exception;
  }

  private final String kind;
  private final int size;
  private final Starter starter;
  private final BlockingQueue<SandboxProcess> ready = new LinkedBlockingQueue<>();
  /** Ready plus being started; never above {@code size}. */
  private final AtomicInteger claimed = new AtomicInteger();
  private final List<Thread> refillers = new ArrayList<>();
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private volatile String lastFailure = "";
  private volatile String loggedFailure;
  private volatile boolean closed;

  WarmPool(String kind, int size, int refillThreads, Starter starter) {
    this.kind = kind;
    this.size = size;
    this.starter = starter;
    for (int i = 0; size > 0 && i < refillThreads; i++) {
      Thread refiller = new Thread(this::refill, "runlab-local-pool-" + kind + "-" + i);
      refiller.setDaemon(true);
      refillers.add(refiller);
      refiller.start();
    }
  }

  /** A ready sandbox, or null when none is ready (the caller starts one cold). */
  SandboxProcess take() {
    for (SandboxProcess s = ready.poll(); s != null; s = ready.poll()) {
      claimed.decrementAndGet();
      wake();
      if (s.isAlive()) {
        return s;
      }
      s.close();
    }
    wake();
    return null;
  }

  int readyCount() {
    return ready.size();
  }

  /** Why sandboxes keep failing to start (three or more in a row), or empty when they do not. */
  Optional<String> failing() {
    return failuresInARow.get() >= 3 ? Optional.of(lastFailure) : Optional.empty();
  }

  private synchronized void wake() {
    notifyAll();
  }

  private void refill() {
    long backoff = 100;
    while (!closed) {
      int now = claimed.get();
      if (now >= size || !claimed.compareAndSet(now, now + 1)) {
        if (now >= size) {
          synchronized (this) {
            try {
              wait(1000);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        continue;
      }
      try {
        ready.add(starter.start());
        if (failuresInARow.getAndSet(0) > 0 && loggedFailure != null) {
          loggedFailure = null;
          LOG.info(kind + " sandboxes start again");
        }
        backoff = 100;
        if (closed) {
          drain();
        }
      } catch (InterruptedException e) {
        claimed.decrementAndGet();
        return;
      } catch (Exception e) {
        claimed.decrementAndGet();
        lastFailure = String.valueOf(e.getMessage());
        failuresInARow.incrementAndGet();
        logOncePerCause(lastFailure);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException stop) {
          return;
        }
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  /** The health check shows the cause; the log says it when it changes, not at every attempt. */
  private synchronized void logOncePerCause(String failure) {
    String cause = new Trouble("", failure).cause();
    if (!cause.equals(loggedFailure)) {
      loggedFailure = cause;
      LOG.log(Level.WARNING, "could not pre-start a " + kind + " sandbox: " + failure
          + " (retrying with backoff; logged again when the cause changes)");
    }
  }

  /** Throws away the waiting sandboxes (made with files that are gone, say); refilling makes new ones. */
  void renew() {
    drain();
    wake();
  }

  private void drain() {
    for (SandboxProcess s = ready.poll(); s != null; s = ready.poll()) {
      claimed.decrementAndGet();
      s.close();
    }
  }

  /** Stops refilling and destroys every waiting sandbox. */
  @Override
  public void close() {
    closed = true;
    for (Thread refiller : refillers) {
      refiller.interrupt();
      try {
        refiller.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drain();
  }
}
