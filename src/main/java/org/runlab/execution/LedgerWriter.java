package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.background.Background;
import org.runlab.platform.background.Batches;

/**
 * The ledger records of server runs, written behind the answers and in batches. Every 100 ms the
 * writer thread writes, in one transaction, the records of the runs admitted since: a run that has
 * already ended is written in its final form (one INSERT for a short run), a run still going after
 * a second is written open so the ledger shows it. In a second transaction go the ends of the runs
 * whose records were written open. A run's record is always written before its end.
 *
 * <p>When the database refuses a batch, each record is tried on its own (one bad record holds up
 * no other), and what still fails waits for the next round, for up to ten minutes, before it is
 * logged in full and dropped. At shutdown everything held is written. At most {@value #MAX_HELD}
 * records and ends are held: past that, a new run's record is written by the request that admits
 * it, and when the database refuses that too the run is not started (the caller gets the error).
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
  @Inject private Background background;

  private Store store;
  private LongSupplier clock = System::nanoTime;
  private int maxHeld = MAX_HELD;
  private final AtomicInteger held = new AtomicInteger();
  /** Every run from its admission until its end is written (or written with its record). */
  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Entry> admitted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Entry> ended = new ConcurrentLinkedQueue<>();
  // Touched under flush's lock only (the writer thread's, in practice):
  private final List<Entry> opens = new ArrayList<>();
  private final List<Entry> ends = new ArrayList<>();

  /** One run's way into the ledger. */
  private static final class Entry {
    final RunRecord record;
    final long since;
    volatile End end;
    volatile boolean recordWritten;
    /** Taken by whoever writes the end: the record's first write, or the end's own. */
    final AtomicBoolean endClaimed = new AtomicBoolean();
    /** Since when the database has refused this record or end (0: it has not). */
    long failingSince;

    Entry(RunRecord record, long since) {
      this.record = record;
      this.since = since;
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
    background.gathered(EVERY, () -> flush(background.stopping()));
  }

  /**
   * A server run was admitted: its record is written within the next round or so. When the
   * database has refused records for long enough that {@value #MAX_HELD} wait, the caller writes
   * this one itself (memory stays bounded), and if the database refuses it too the run is not
   * started: the caller gets the error.
   */
  void admitted(RunRecord record) {
    Entry e = new Entry(record, clock.getAsLong());
    if (held.get() >= maxHeld) {
      store.openAll(List.of(record));
      e.recordWritten = true;
      entries.put(record.getId(), e);
      return;
    }
    entries.put(record.getId(), e);
    held.incrementAndGet();
    admitted.add(e);
    if (background != null) {
      background.added();
    }
  }

  /** Run {@code id} ended with {@code outcome}: written with its record, or after it. */
  void ended(UUID id, RunOutcome outcome, Instant startedAt) {
    Entry e = entries.get(id);
    if (e == null) {
      LOG.severe("The end of run " + id + " came without its record; its outcome was " + outcome.verdict());
      return;
    }
    e.end = new End(id, outcome, startedAt);
    held.incrementAndGet();
    ended.add(e);
    if (background != null) {
      background.added();
    }
  }

  /** Whether run {@code id}'s record has been written (its end may still wait). */
  boolean recordWritten(UUID id) {
    Entry e = entries.get(id);
    return e == null || e.recordWritten;
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
    for (Entry e; (e = admitted.poll()) != null; ) {
      opens.add(e);
    }
    List<Entry> due = new ArrayList<>();
    for (Iterator<Entry> it = opens.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      boolean complete = e.end != null && e.endClaimed.compareAndSet(false, true);
      if (complete) {
        e.record.finished(e.end.outcome(), e.end.startedAt());
      }
      if (complete || e.endClaimed.get() || all || now - e.since >= OPEN_AFTER_NANOS) {
        due.add(e);
        it.remove();
      }
    }
    write(due, es -> store.openAll(es.stream().map(e -> e.record).toList()), e -> {
      e.recordWritten = true;
      if (e.endClaimed.get()) {
        entries.remove(e.record.getId());
      }
    }, opens, now, e -> "the record of run " + e.record.getId() + ": " + e.record);
    for (Entry e; (e = ended.poll()) != null; ) {
      ends.add(e);
    }
    List<Entry> dueEnds = new ArrayList<>();
    for (Iterator<Entry> it = ends.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (!e.recordWritten) {
        continue; // its record waits; written complete when it goes, or first
      }
      it.remove();
      if (e.endClaimed.compareAndSet(false, true) || e.failingSince != 0) {
        dueEnds.add(e);
      } else {
        held.decrementAndGet(); // written with its record
      }
    }
    write(dueEnds, es -> store.finishAll(es.stream().map(e -> e.end).toList()),
        e -> entries.remove(e.record.getId()), ends, now, e -> "the end of run " + e.record.getId() + ": " + e.end);
    if (all && waiting() > 0) {
      LOG.severe(waiting() + " run records or ends could not be written at shutdown: " + opens.size()
          + " records and " + ends.size() + " ends");
    }
  }

  /**
   * Writes {@code due} together, else each alone. What the database still refuses goes back to
   * {@code again} for the next round, until it has been refused for ten minutes: then it is logged
   * in full ({@code what}) and dropped.
   */
  private void write(List<Entry> due, Consumer<List<Entry>> writeAll, Consumer<Entry> written,
      List<Entry> again, long now, Function<Entry, String> what) {
    Set<Entry> refused = Collections.newSetFromMap(new IdentityHashMap<>());
    refused.addAll(Batches.writeTogetherElseEach(due, writeAll, "run records or ends"));
    for (Entry e : due) {
      if (!refused.contains(e)) {
        done(e, written);
        continue;
      }
      if (e.failingSince == 0) {
        e.failingSince = now;
      }
      if (now - e.failingSince >= GIVE_UP_NANOS) {
        LOG.log(Level.SEVERE, "Gave up writing " + what.apply(e) + " after 10 minutes");
        done(e, written);
      } else {
        again.add(e);
      }
    }
  }

  private void done(Entry e, Consumer<Entry> written) {
    e.failingSince = 0;
    written.accept(e);
    held.decrementAndGet();
  }
}
