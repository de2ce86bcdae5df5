package org.runlab.execution;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The runs waiting for one engine and the workers that take them, at most {@code concurrency} at
 * a time, first come first served. Every change of the queue tells each waiting run its position.
 */
final class EngineLane {
  private final String engine;
  private final LinkedList<LiveRun> waiting = new LinkedList<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;
  private int running;

  EngineLane(String engine, int concurrency, ThreadFactory threads, Consumer<LiveRun> work) {
    this.engine = engine;
    for (int i = 0; i < concurrency; i++) {
      Thread t = threads.newThread(() -> loop(work));
      t.setName("runlab-" + engine + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  String engine() {
    return engine;
  }

  synchronized void add(LiveRun run) {
    waiting.addLast(run);
    run.queuedAt(waiting.size());
    notifyAll();
  }

  /** Takes a waiting run out of the queue; false if it was not waiting (running or done). */
  synchronized boolean remove(LiveRun run) {
    boolean removed = waiting.remove(run);
    if (removed) {
      announcePositions();
    }
    return removed;
  }

  synchronized int depth() {
    return waiting.size();
  }

  synchronized int running() {
    return running;
  }

  private void loop(Consumer<LiveRun> work) {
    while (!stopped) {
      LiveRun run;
      synchronized (this) {
        while (waiting.isEmpty() && !stopped) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopped) {
          return;
        }
        run = waiting.removeFirst();
        running++;
        announcePositions();
      }
      try {
        work.accept(run);
      } finally {
        synchronized (this) {
          running--;
        }
      }
    }
  }

  private void announcePositions() {
    int position = 1;
    for (Iterator<LiveRun> it = waiting.iterator(); it.hasNext(); position++) {
      it.next().queuedAt(position);
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
