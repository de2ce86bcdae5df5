package org.runlab.engine.local;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the local engine well: every {@code checkEvery} it asks what is wrong; while something is,
 * it repairs and looks again after a backoff that doubles up to {@code repairAtMost}, so the engine
 * comes back by itself once the cause is gone. Each change of cause is logged once, not on every
 * attempt.
 */
final class Healer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Healer.class.getName());
  private static final long FIRST_RETRY_MS = 250;

  /** What the healer looks after. */
  interface Patient {
    /** What keeps the engine from running programs now, or empty when nothing does. */
    Optional<Trouble> trouble();

    /** Rebuilds what it can (directories, assets, pools); may fail, the next attempt follows. */
    void repair() throws Exception;
  }

  private final Patient patient;
  private final Duration checkEvery;
  private final Duration repairAtMost;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runlab-local-healer");
        t.setDaemon(true);
        return t;
      });
  private volatile Trouble trouble;
  private int attempts;

  Healer(Patient patient, Duration checkEvery, Duration repairAtMost, Trouble initial) {
    this.patient = patient;
    this.checkEvery = checkEvery;
    this.repairAtMost = repairAtMost;
    this.trouble = initial;
    if (initial != null) {
      LOG.warning("local engine unavailable: " + initial.reason());
    }
    timer.schedule(this::check, initial == null ? checkEvery.toMillis() : FIRST_RETRY_MS, TimeUnit.MILLISECONDS);
  }

  /** The trouble found last, or empty while the engine is well. */
  Optional<Trouble> trouble() {
    return Optional.ofNullable(trouble);
  }

  /** A run met {@code found}: the engine is down from now on and is repaired without waiting. */
  void report(Trouble found) {
    if (change(found)) {
      timer.execute(this::checkOnce); // the regular schedule goes on as it was
    }
  }

  private void check() {
    long nextMs;
    try {
      nextMs = checkOnce();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "local engine check failed", e);
      nextMs = repairAtMost.toMillis();
    }
    if (!timer.isShutdown()) {
      timer.schedule(this::check, nextMs, TimeUnit.MILLISECONDS);
    }
  }

  /** Looks, repairs when needed, looks again; returns when to look next. */
  private long checkOnce() {
    Optional<Trouble> found = patient.trouble();
    if (found.isPresent()) {
      change(found.get()); // shown on health while the repair runs
      try {
        patient.repair();
      } catch (Exception e) {
        LOG.log(Level.FINE, "local engine repair failed", e);
      }
      found = patient.trouble();
    }
    change(found.orElse(null));
    if (found.isEmpty()) {
      attempts = 0;
      return checkEvery.toMillis();
    }
    long backoff = FIRST_RETRY_MS << Math.min(attempts++, 16);
    return Math.min(backoff, repairAtMost.toMillis());
  }

  /** Keeps {@code now}; logs and answers true when the cause changed (counts and run names aside). */
  private synchronized boolean change(Trouble now) {
    Trouble before = trouble;
    trouble = now;
    if (Objects.equals(before == null ? null : before.cause(), now == null ? null : now.cause())) {
      return false;
    }
    if (now == null) {
      LOG.info("local engine available again (was: " + before.reason() + ")");
    } else {
      LOG.warning("local engine unavailable: " + now.reason());
    }
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
