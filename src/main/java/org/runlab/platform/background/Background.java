package org.runlab.platform.background;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.runlab.platform.cluster.ClusterJobs;

/**
 * The one place Runlab's background work runs: quick work behind an answer (a run's ledger record,
 * a learner's daily usage, giving back a concurrency slot) on one long-lived writer thread, and
 * periodic jobs that may take longer (budget recompute, reaping sandboxes, closing stale leases,
 * nightly reports) on job threads of their own, so a slow job never holds up a write.
 *
 * <p>A managed executor would do as well, but it captures the caller's context for every task and
 * hands each to a pool thread, about a millisecond per task on a small machine; these threads are
 * made once, with the application's context, by the container's thread factory.
 *
 * <p>Writer tasks run in the order they were given. When the queue is full the caller runs its
 * task itself (backpressure, nothing dropped); at shutdown what is queued is still written.
 * A job that needs a transaction calls an EJB or a transactional bean from its task.
 */
@ApplicationScoped
public class Background {
  private static final Logger LOG = Logger.getLogger(Background.class.getName());
  private static final int CAPACITY = 10_000;
  private static final Runnable STOP = () -> {};

  @Resource private ManagedThreadFactory threads;
  @Inject private ClusterJobs cluster;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  private MetricRegistry metrics;

  private final BlockingDeque<Runnable> queue = new LinkedBlockingDeque<>(CAPACITY);
  private final List<Periodic> periodic = new CopyOnWriteArrayList<>();
  private ScheduledThreadPoolExecutor jobs;
  private volatile Thread writer;
  private volatile boolean stopping;

  /** A task run on the writer thread about every {@code everyNanos}, and once more at shutdown. */
  private static final class Periodic {
    final Runnable task;
    final long everyNanos;
    long dueNanos;

    Periodic(Runnable task, long everyNanos) {
      this.task = task;
      this.everyNanos = everyNanos;
      this.dueNanos = System.nanoTime() + everyNanos;
    }
  }

  /**
   * Runs {@code job} on a job thread every {@code period} (the first time after one period), until
   * the application stops. A failing round is logged; the next one runs as planned.
   */
  public synchronized void every(String name, Duration period, Runnable job) {
    if (jobs == null) {
      if (threads == null) {
        LOG.warning("No thread factory (not in a container): job " + name + " does not run");
        return;
      }
      jobs = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = threads.newThread(r);
        t.setName("runlab-job-" + t.getId());
        t.setDaemon(true);
        return t;
      });
    }
    long ms = period.toMillis();
    jobs.scheduleWithFixedDelay(() -> {
      try {
        job.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "Background job " + name + " failed; it runs again in " + period, e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code job} every {@code period} as {@link #every} does, but on one member of the cluster
   * only: each round, the member holding the job's lease (three periods, at least 15 s) runs it and
   * renews the lease; the others skip it. When that member dies, another takes over within one
   * lease time. Rounds run here are counted in {@code runlab_cluster_job_rounds_total{job=name}}.
   */
  public void oncePerCluster(String name, Duration period, Runnable job) {
    Duration lease = period.multipliedBy(3).compareTo(Duration.ofSeconds(15)) < 0
        ? Duration.ofSeconds(15) : period.multipliedBy(3);
    every(name, period, () -> {
      if (leads(name, lease)) {
        job.run();
      }
    });
  }

  /**
   * Whether this member runs {@code name}'s round now (holding its lease for {@code lease}): for a
   * job that does something else when it does not lead. A round led here is counted.
   */
  public boolean leads(String name, Duration lease) {
    boolean here = cluster == null || cluster.lead(name, lease);
    if (here && metrics != null) {
      metrics.counter("runlab_cluster_job_rounds", new Tag("job", name)).inc();
    }
    return here;
  }

  /**
   * Runs {@code task} on the writer thread about every {@code every} (between queued tasks), and
   * once more when the application stops: for writes that gather first and go out together.
   */
  public void gathered(Duration every, Runnable task) {
    periodic.add(new Periodic(task, every.toNanos()));
    started();
  }

  /**
   * Whether the application is stopping: a periodic task's last round then writes everything it
   * holds, not only what is due.
   */
  public boolean stopping() {
    return stopping;
  }

  /** Whether the writer thread has stopped for good (the application is stopping). */
  public boolean stopped() {
    Thread w = writer;
    return stopping && (w == null || !w.isAlive());
  }

  /**
   * Tells the writer that a periodic task has gathered something new. Once the writer thread has
   * stopped (the application is stopping), the periodic tasks run here, on the caller's thread,
   * so what is gathered late is still written, as {@link #run} does for queued tasks.
   */
  public void added() {
    if (stopped()) {
      synchronized (periodic) {
        periodic.forEach(p -> safely(p.task));
      }
    }
  }

  /** Runs {@code task} on the writer thread; the future completes as the task does. */
  public CompletableFuture<Void> run(Runnable task) {
    return enqueue(task, false);
  }

  /**
   * Runs {@code task} on the writer thread before the tasks already waiting (for a short task that
   * others wait on, such as giving back a learner's concurrency slot), not in order with them.
   */
  public CompletableFuture<Void> soon(Runnable task) {
    return enqueue(task, true);
  }

  private CompletableFuture<Void> enqueue(Runnable task, boolean first) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable wrapped = () -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    };
    if (!started() || !(first ? queue.offerFirst(wrapped) : queue.offerLast(wrapped))) {
      wrapped.run();
    }
    return done;
  }

  /** Starts the writer thread on first use; false when there is none (no thread factory: not in a container). */
  private boolean started() {
    Thread w = writer;
    if (w != null) {
      return w.isAlive();
    }
    synchronized (this) {
      if (writer == null) {
        if (threads == null) {
          return false;
        }
        Thread t = threads.newThread(this::loop);
        t.setName("runlab-writer");
        t.setDaemon(true);
        t.start();
        writer = t;
      }
      return writer.isAlive();
    }
  }

  private void loop() {
    while (true) {
      Runnable task;
      try {
        task = queue.poll(runDue(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP) {
        periodic.forEach(p -> safely(p.task));
        return;
      }
      if (task != null) {
        safely(task);
      }
    }
  }

  /** Runs the periodic tasks that are due; how long until the next one is. */
  private long runDue() {
    long wait = TimeUnit.SECONDS.toNanos(1);
    for (Periodic p : periodic) {
      long now = System.nanoTime();
      if (now - p.dueNanos >= 0) {
        safely(p.task);
        p.dueNanos = System.nanoTime() + p.everyNanos;
      }
      wait = Math.min(wait, Math.max(0, p.dueNanos - System.nanoTime()));
    }
    return wait;
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "A background task failed", e);
    }
  }

  /** Writes what is queued (for up to 30 s) and runs the periodic tasks once more, then stops the thread. */
  @PreDestroy
  void stop() {
    stopping = true;
    synchronized (this) {
      if (jobs != null) {
        jobs.shutdownNow();
      }
    }
    Thread w;
    synchronized (this) {
      w = writer;
    }
    if (w == null) {
      return;
    }
    try {
      queue.put(STOP);
      w.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (w.isAlive()) {
      LOG.warning(queue.size() + " background tasks were not run at shutdown");
      w.interrupt();
    }
  }
}
