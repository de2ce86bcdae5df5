package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.background.Background;

/**
 * The ledger records of server runs, written behind the answers and in batches. Every 100 ms the
 * write-behind thread writes, in one transaction, the records of the runs admitted since: a run
 * that has already ended is written in its final form (one INSERT for a short run), a run still
 * going after a second is written open so the ledger shows it. In a second transaction go the
 * ends of the runs whose records were written open. A run's record is always written before its
 * end.
 *
 * <p>When the database refuses a batch, each record is tried on its own (one bad record holds up
 * no other), and what still fails waits for the next round, for up to ten minutes, before it is
 * logged in full and dropped. At shutdown everything held is written. At most {@value #MAX_HELD}
 * records and ends are held: past that, a new run's record is written by the request that admits
 * it, and when the database refuses that too the run is not started (a 503 that says why).
 */
@ApplicationScoped
public class LedgerWriter {
  private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());
  static final Duration EVERY = Duration.ofMillis(100);
  static final long OPEN_AFTER_NANOS = Duration.ofSeconds(1).toNanos();
  static final long GIVE_UP_NANOS = Duration.ofMinutes(10).toNanos();
  /** Records and ends held at most; beyond it a new run's record is written by its caller. */
  static final int MAX_HELD = 10_000;

  /** Where records go: each call one transaction. */
  interface Store {
    void openAll(List<RunRecord> records);

    void finishAll(List<End> ends);
  }

  /** How a run whose record was written open ended. */
  record End(UUID id, RunOutcome outcome, Instant startedAt) {}

  @Inject private RunLedger ledger;
  @Inject private Background writes;

  private Store store;
  private LongSupplier clock = System::nanoTime;
  private int maxHeld = MAX_HELD;
  private final AtomicInteger held = new AtomicInteger();
  private final ConcurrentLinkedQueue<Open> admitted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<LiveRun> ended = new ConcurrentLinkedQueue<>();
  // Touched under flush's lock only (the writer thread's, in practice):
  private final List<Open> opens = new ArrayList<>();
  private final List<Ending> ends = new ArrayList<>();

  /** A record or an end not written yet; since when the database has refused it (0: it has not). */
  private abstract static class Held {
    long failingSince;
  }

  private static final class Open extends Held {
    final RunRecord record;
    final LiveRun run;
    final long since;
    boolean complete;

    Open(RunRecord record, LiveRun run, long since) {
      this.record = record;
      this.run = run;
      this.since = since;
    }
  }

  private static final class Ending extends Held {
    final LiveRun run;
    boolean claimed;

    Ending(LiveRun run) {
      this.run = run;
    }
  }

  public LedgerWriter() {}

  /** For tests: records go to {@code store}; {@link #flush(boolean)} is called by the test. */
  LedgerWriter(Store store, LongSupplier clock, int maxHeld) {
    this.store = store;
    this.clock = clock;
    this.maxHeld = maxHeld;
  }

  @PostConstruct
  void start() {
    store = new Store() {
      @Override
      public void openAll(List<RunRecord> records) {
        ledger.openAll(records);
      }

      @Override
      public void finishAll(List<End> ends) {
        ledger.finishedAll(ends);
      }
    };
    writes.every(EVERY, () -> flush(writes.stopping()));
  }

  /**
   * A server run was admitted: its record is written within the next round or so. When the
   * database has refused records for long enough that {@value #MAX_HELD} wait, the caller writes
   * this one itself (memory stays bounded), and if the database refuses it too the run is not
   * started: the caller gets the error.
   */
  void admitted(RunRecord record, LiveRun run) {
    if (held.get() >= maxHeld) {
      store.openAll(List.of(record));
      run.recordWritten(true);
      return;
    }
    held.incrementAndGet();
    admitted.add(new Open(record, run, clock.getAsLong()));
    if (writes != null) {
      writes.added();
    }
  }

  /** A server run ended with {@code outcome}: written with its record, or after it. */
  void ended(LiveRun run, RunOutcome outcome) {
    run.ended(outcome);
    held.incrementAndGet();
    ended.add(run);
    if (writes != null) {
      writes.added();
    }
  }

  /** Records and ends not written yet. */
  int waiting() {
    return held.get();
  }

  /**
   * One round, on the writer thread (or, once it has stopped, on the caller's); {@code all}: write
   * every record held, however young.
   */
  synchronized void flush(boolean all) {
    long now = clock.getAsLong();
    for (Open o; (o = admitted.poll()) != null; ) {
      opens.add(o);
    }
    List<Open> due = new ArrayList<>();
    for (Iterator<Open> it = opens.iterator(); it.hasNext(); ) {
      Open o = it.next();
      RunOutcome end = o.run.endOutcome();
      if (!o.complete && end != null && o.run.claimEndWrite()) {
        o.record.finished(end, o.run.startedAt());
        o.complete = true;
      }
      if (o.complete || all || now - o.since >= OPEN_AFTER_NANOS) {
        due.add(o);
        it.remove();
      }
    }
    writeOpens(due, now);
    for (LiveRun r; (r = ended.poll()) != null; ) {
      ends.add(new Ending(r));
    }
    List<Ending> dueEnds = new ArrayList<>();
    for (Iterator<Ending> it = ends.iterator(); it.hasNext(); ) {
      Ending e = it.next();
      if (!e.run.recordWritten()) {
        continue; // its record waits; written complete when it goes, or first
      }
      it.remove();
      if (e.claimed || e.run.claimEndWrite()) {
        e.claimed = true;
        dueEnds.add(e);
      } else {
        held.decrementAndGet(); // written with its record
      }
    }
    writeEnds(dueEnds, now);
    if (all && waiting() > 0) {
      LOG.severe(waiting() + " run records or ends could not be written at shutdown: " + opens.size()
          + " records and " + ends.size() + " ends");
    }
  }

  private void writeOpens(List<Open> due, long now) {
    write(due, os -> store.openAll(os.stream().map(o -> o.record).toList()), o -> o.run.recordWritten(true),
        opens, now, o -> "the record of run " + o.record.getId() + ": " + o.record);
  }

  private void writeEnds(List<Ending> due, long now) {
    write(due, es -> store.finishAll(es.stream().map(LedgerWriter::endOf).toList()), e -> {}, ends, now,
        e -> "the end of run " + e.run.id() + ": " + e.run.endOutcome());
  }

  /**
   * Writes {@code due} in one transaction, else each alone (one bad item holds up no other). What
   * the database still refuses goes back to {@code again} for the next round, until it has been
   * refused for ten minutes: then it is logged in full ({@code what}) and dropped.
   */
  private <T extends Held> void write(List<T> due, Consumer<List<T>> writeAll, Consumer<T> written,
      List<T> again, long now, Function<T, String> what) {
    if (due.isEmpty()) {
      return;
    }
    try {
      writeAll.accept(due);
      due.forEach(t -> done(t, written));
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write " + due.size() + " run records or ends together; trying each", e);
    }
    for (T t : due) {
      try {
        writeAll.accept(List.of(t));
        done(t, written);
      } catch (RuntimeException e) {
        if (t.failingSince == 0) {
          t.failingSince = now;
        }
        if (now - t.failingSince >= GIVE_UP_NANOS) {
          LOG.log(Level.SEVERE, "Gave up writing " + what.apply(t) + " after 10 minutes", e);
          done(t, written);
        } else {
          again.add(t);
        }
      }
    }
  }

  private <T extends Held> void done(T t, Consumer<T> written) {
    written.accept(t);
    held.decrementAndGet();
  }

  private static End endOf(Ending e) {
    return new End(e.run.id(), e.run.endOutcome(), e.run.startedAt());
  }
}
