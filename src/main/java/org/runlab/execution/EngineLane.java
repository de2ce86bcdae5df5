package org.runlab.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.runlab.account.Tier;
import org.runlab.quota.PriorityRunQueue;

/**
 * The runs waiting for one engine and the workers that take them, at most {@code concurrency} at
 * a time, in the order of a {@link PriorityRunQueue} (tier, then arrival, with aging and slots kept
 * for PAID). A run whose learner already has their concurrent runs going waits until one ends,
 * here or on another member. Every change of the order tells each waiting run its position.
 */
final class EngineLane {
  /** How often a lane looks again for runs held back by a learner's runs elsewhere, and for late runs. */
  private static final long RECHECK_MILLIS = 200;

  private final String engine;
  private final PriorityRunQueue<LiveRun> queue;
  private final Predicate<LiveRun> mayStart;
  private final Consumer<LiveRun> tooLate;
  private final Consumer<LiveRun> work;
  private final Map<LiveRun, Integer> announced = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final int concurrency;
  private volatile boolean stopped;
  /** Recent run time, smoothed; starts at one second. */
  private double averageRunMillis = 1000;

  EngineLane(String engine, int concurrency, double paidShare, Duration aging, ThreadFactory threads,
      Consumer<LiveRun> work, Predicate<LiveRun> mayStart, Consumer<LiveRun> tooLate) {
    this.engine = engine;
    this.concurrency = concurrency;
    this.queue = new PriorityRunQueue<>(concurrency, paidShare, aging, System::nanoTime);
    this.mayStart = mayStart;
    this.tooLate = tooLate;
    this.work = work;
    for (int i = 0; i < concurrency; i++) {
      Thread t = threads.newThread(this::loop);
      t.setName("runlab-" + engine + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    Thread sweeper = threads.newThread(this::sweep);
    sweeper.setName("runlab-" + engine + "-late");
    sweeper.setDaemon(true);
    workers.add(sweeper);
    sweeper.start();
  }

  /** Hands back the runs that waited past their longest wait, even while every slot is busy. */
  private void sweep() {
    while (!stopped) {
      List<LiveRun> late;
      synchronized (this) {
        try {
          wait(RECHECK_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        late = queue.expired();
        if (!late.isEmpty()) {
          late.forEach(announced::remove);
          announcePositions();
        }
      }
      late.forEach(tooLate);
    }
  }

  String engine() {
    return engine;
  }

  synchronized void add(LiveRun run, Tier tier, Duration maxWait) {
    queue.add(run, tier, maxWait);
    announcePositions();
    notifyAll();
  }

  /** Takes a waiting run out of the queue; false if it was not waiting (running or done). */
  synchronized boolean remove(LiveRun run) {
    boolean removed = queue.remove(run);
    if (removed) {
      announced.remove(run);
      announcePositions();
    }
    return removed;
  }

  synchronized int depth() {
    return queue.depth();
  }

  synchronized int running() {
    return queue.running();
  }

  /** How long the run waiting longest has waited so far. */
  synchronized Duration oldestWait() {
    return queue.waitingInOrder().stream().map(LiveRun::queuedFor).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /**
   * A rough wait for a new run of {@code tier}: the runs that would go before it, spread over the
   * slots it may use, times the recent run time.
   */
  synchronized Duration estimatedWait(Tier tier) {
    int slots = tier == Tier.PAID ? concurrency : Math.max(1, concurrency - queue.reservedForPaid());
    int ahead = queue.aheadOf(tier);
    if (ahead == 0 && queue.running() < slots) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) (Math.ceil((ahead + 1) / (double) slots) * averageRunMillis));
  }

  /** Wakes the workers: a learner's run ended somewhere, so a held-back run may start. */
  synchronized void wake() {
    notifyAll();
  }

  /**
   * Runs {@code run} on the calling thread when it may start at once (nobody waits before it, a
   * slot is free, its learner may start another run): for a caller that would only wait for the
   * result, this spares two hand-overs between threads. False: not taken, queue it.
   */
  boolean runHere(LiveRun run, Tier tier) {
    synchronized (this) {
      if (stopped || !queue.startNow(run, tier, mayStart)) {
        return false;
      }
    }
    runTaken(run);
    return true;
  }

  private void runTaken(LiveRun run) {
    long started = System.nanoTime();
    try {
      work.accept(run);
    } finally {
      synchronized (this) {
        averageRunMillis = 0.8 * averageRunMillis + 0.2 * ((System.nanoTime() - started) / 1e6);
        queue.finished(run);
        notifyAll();
      }
    }
  }

  private void loop() {
    while (!stopped) {
      LiveRun run;
      synchronized (this) {
        run = queue.poll(mayStart);
        if (run == null) {
          try {
            wait(queue.depth() == 0 ? 0 : RECHECK_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        announced.remove(run);
        announcePositions();
      }
      runTaken(run);
    }
  }

  private void announcePositions() {
    int position = 1;
    for (LiveRun r : queue.waitingInOrder()) {
      Integer before = announced.put(r, position);
      if (before == null || before != position) {
        r.queuedAt(position);
      }
      position++;
    }
  }

  void stop() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    workers.forEach(Thread::interrupt);
  }
}
