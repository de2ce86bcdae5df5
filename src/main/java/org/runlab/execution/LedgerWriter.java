package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.background.Background;
import org.runlab.platform.background.GroupCommit;
import org.runlab.quota.QuotaService;
import org.runlab.quota.UsageCounter;

/**
 * The ledger records of server runs, committed before the answer that acknowledges them, by group
 * commit: a request hands its run's record (at admission) or end (before a finished run is shown)
 * to one committer and waits until the transaction holding it has committed. Whatever concurrent
 * requests hand over meanwhile goes in the next transaction together, with the daily usage counts
 * gathered since, so a crash right after an answer loses nothing it acknowledged.
 *
 * <p>When the database refuses a record, the run is not started (the caller answers 503). When it
 * refuses an end, the run's caller tries again for up to {@value #END_WAIT_MILLIS} ms (a database
 * restart), then shows the result anyway and the end is tried again every second until it is
 * written: the record is there already, and an instance that dies meanwhile has its open runs
 * ended as ENGINE_ERROR by {@link OrphanRuns}.
 */
@ApplicationScoped
public class LedgerWriter {
  private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());
  /** How long the caller of a finished run retries its end before showing the result anyway. */
  static final long END_WAIT_MILLIS = 5_000;
  /** How long admission waits for a record's commit before giving up on the run (a hung database). */
  static final long OPEN_WAIT_MILLIS = 30_000;
  /** At most this many records and ends in one transaction. */
  static final int MAX_BATCH = 500;

  /** Where records go: each call one transaction, all or nothing. */
  interface Store {
    void commit(List<RunRecord> opens, List<End> ends, List<UsageCounter.Change> usage);
  }

  /** The daily usage counts gathered since the last commit: taken for one, given back if it fails. */
  interface Usage {
    List<UsageCounter.Change> take();

    void giveBack(List<UsageCounter.Change> changes);
  }

  /** How a run ended. */
  record End(UUID id, RunOutcome outcome, Instant startedAt) {}

  /** One record or one end, handed to the committer. */
  private record Write(RunRecord open, End end) {}

  @Inject private RunLedger ledger;
  @Inject private QuotaService quota;
  @Inject private Background background;
  @Resource private ManagedThreadFactory threads;

  private Store store;
  private Usage usage;
  private GroupCommit<Write> commits;
  private long endWaitMillis = END_WAIT_MILLIS;
  /** Ends the database refused for longer than their caller waited; tried again every second. */
  private final ConcurrentLinkedQueue<End> unwritten = new ConcurrentLinkedQueue<>();

  public LedgerWriter() {}

  /** For tests: records go to {@code store}, on the caller's thread when {@code threads} is null. */
  LedgerWriter(Store store, Usage usage, ThreadFactory threads, long endWaitMillis) {
    this.store = store;
    this.endWaitMillis = endWaitMillis;
    this.usage = usage;
    this.commits = new GroupCommit<>("run records", threads, MAX_BATCH, this::writeAll);
  }

  @PostConstruct
  void start() {
    store = ledger::commit;
    usage = new Usage() {
      @Override
      public List<UsageCounter.Change> take() {
        return quota.takeUsage();
      }

      @Override
      public void giveBack(List<UsageCounter.Change> changes) {
        quota.giveBackUsage(changes);
      }
    };
    commits = new GroupCommit<>("run records", threads, MAX_BATCH, this::writeAll);
    background.every("ledger-ends", Duration.ofSeconds(1), this::retryEnds);
  }

  /**
   * A server run was admitted: returns once its record (and its learner's usage count) is
   * committed. Throws when the database refused it or did not answer: the run must not start.
   */
  void admitted(RunRecord record) {
    try {
      commits.submit(new Write(record, null)).get(OPEN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The database refused the record of run " + record.getId(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("The database did not commit the record of run " + record.getId()
          + " within " + OPEN_WAIT_MILLIS + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while recording run " + record.getId(), e);
    }
  }

  /**
   * Run {@code id} ended with {@code outcome}: returns once its end is committed, or, when the
   * database refuses it for {@value #END_WAIT_MILLIS} ms, leaves it to be tried again every second.
   */
  void ended(UUID id, RunOutcome outcome, Instant startedAt) {
    End end = new End(id, outcome, startedAt);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endWaitMillis);
    RuntimeException last = null;
    do {
      try {
        commits.submit(new Write(null, end)).get(endWaitMillis, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        last = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (TimeoutException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause(Math.min(250, endWaitMillis));
    } while (System.nanoTime() < deadline);
    LOG.log(Level.WARNING, "The end of run " + id + " (" + outcome.verdict() + ") is not written yet; tried again"
        + " every second", last);
    unwritten.add(end);
  }

  /** Ends not written yet. */
  int waiting() {
    return unwritten.size();
  }

  /** Tries the ends the database refused once more; what it still refuses waits for the next round. */
  void retryEnds() {
    List<End> due = new ArrayList<>();
    for (End e; (e = unwritten.poll()) != null; ) {
      due.add(e);
    }
    for (End e : due) {
      try {
        commits.submit(new Write(null, e)).get(OPEN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException x) {
        unwritten.add(e);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        unwritten.add(e);
        return;
      }
    }
    if (!due.isEmpty() && unwritten.isEmpty()) {
      LOG.info("Wrote the ends of " + due.size() + " runs the database had refused");
    }
  }

  /** One transaction: the records and ends handed over, and the usage gathered since the last one. */
  private void writeAll(List<Write> writes) {
    List<RunRecord> opens = new ArrayList<>();
    List<End> ends = new ArrayList<>();
    for (Write w : writes) {
      if (w.open() != null) {
        opens.add(w.open());
      } else {
        ends.add(w.end());
      }
    }
    List<UsageCounter.Change> counts = usage.take();
    try {
      store.commit(opens, ends, counts);
      return;
    } catch (RuntimeException e) {
      usage.giveBack(counts);
      if (counts.isEmpty()) {
        throw e;
      }
    }
    // Perhaps a usage row another member inserted first: the records go without it this time.
    store.commit(opens, ends, List.of());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    commits.stop(30_000);
    retryEnds();
    if (!unwritten.isEmpty()) {
      unwritten.forEach(e -> LOG.severe("At shutdown, the end of run " + e.id() + " could not be written: " + e));
    }
  }
}
