package org.runlab.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.runlab.account.Tier;

/**
 * The runs waiting for one engine, in the order they should start: PAID before FREE before
 * ANONYMOUS, first come first served within a tier, and every {@code aging} of waiting moves a run
 * up one tier so nobody starves. A share of the engine's slots is kept for PAID runs: the others
 * start only while fewer than {@code capacity - reserved} of them are running. A run waiting past
 * its tier's longest wait is taken out by {@link #expired()}. Not thread-safe: its lane locks it.
 */
public final class PriorityRunQueue<T> {
  private record Entry<T>(T item, Tier tier, long seq, long enqueuedNanos, long deadlineNanos) {}

  private final int capacity;
  private final int reservedForPaid;
  private final long agingNanos;
  private final LongSupplier nanos;
  private final List<Entry<T>> waiting = new ArrayList<>();
  private final Map<T, Tier> running = new IdentityHashMap<>();
  private long seq;

  public PriorityRunQueue(int capacity, double paidShare, Duration aging, LongSupplier nanos) {
    this.capacity = capacity;
    this.reservedForPaid = reserved(capacity, paidShare);
    this.agingNanos = Math.max(1, aging.toNanos());
    this.nanos = nanos;
  }

  /** Slots kept for PAID: the share rounded, at least one when there is a share and two slots, never all. */
  static int reserved(int capacity, double share) {
    if (share <= 0 || capacity < 2) {
      return 0;
    }
    return (int) Math.min(capacity - 1, Math.max(1, Math.round(capacity * share)));
  }

  public int reservedForPaid() {
    return reservedForPaid;
  }

  public void add(T item, Tier tier, Duration maxWait) {
    long now = nanos.getAsLong();
    long deadline = maxWait == null || maxWait.isZero() || maxWait.isNegative() ? Long.MAX_VALUE
        : now + maxWait.toNanos();
    waiting.add(new Entry<>(item, tier, seq++, now, deadline));
  }

  public boolean remove(T item) {
    return waiting.removeIf(e -> e.item() == item);
  }

  /**
   * Takes the first run in order that may start now and that {@code mayStart} accepts (its
   * learner has a free slot); it counts as running until {@link #finished}. Null when none can.
   */
  public T poll(Predicate<T> mayStart) {
    if (running.size() >= capacity) {
      return null;
    }
    boolean othersMayStart = othersRunning() < capacity - reservedForPaid;
    for (Entry<T> e : ordered()) {
      if (e.tier() != Tier.PAID && !othersMayStart) {
        continue;
      }
      if (mayStart.test(e.item())) {
        waiting.remove(e);
        running.put(e.item(), e.tier());
        return e.item();
      }
    }
    return null;
  }

  /**
   * Starts {@code item} at once, without waiting in line, when no run waits, a slot its tier may
   * use is free and {@code mayStart} accepts it; it counts as running until {@link #finished}.
   */
  public boolean startNow(T item, Tier tier, Predicate<T> mayStart) {
    if (!waiting.isEmpty() || running.size() >= capacity) {
      return false;
    }
    if (tier != Tier.PAID && othersRunning() >= capacity - reservedForPaid) {
      return false;
    }
    if (!mayStart.test(item)) {
      return false;
    }
    running.put(item, tier);
    return true;
  }

  public void finished(T item) {
    running.remove(item);
  }

  /** Removes and returns the runs that waited past their longest wait. */
  public List<T> expired() {
    long now = nanos.getAsLong();
    List<T> out = new ArrayList<>();
    waiting.removeIf(e -> {
      boolean late = now >= e.deadlineNanos();
      if (late) {
        out.add(e.item());
      }
      return late;
    });
    return out;
  }

  /** The waiting runs in the order they would start. */
  public List<T> waitingInOrder() {
    return ordered().stream().map(Entry::item).toList();
  }

  /** How many waiting runs a new run of {@code tier} would have ahead of it now. */
  public int aheadOf(Tier tier) {
    return (int) waiting.stream()
        .filter(e -> rankOf(e.tier()) <= rankOf(tier) || aged(e)).count();
  }

  private boolean aged(Entry<T> e) {
    return nanos.getAsLong() - e.enqueuedNanos() >= agingNanos;
  }

  private static int rankOf(Tier tier) {
    return switch (tier) {
      case PAID -> 0;
      case FREE -> 1;
      case ANONYMOUS -> 2;
    };
  }

  public int depth() {
    return waiting.size();
  }

  public int running() {
    return running.size();
  }

  private int othersRunning() {
    return (int) running.values().stream().filter(t -> t != Tier.PAID).count();
  }

  private List<Entry<T>> ordered() {
    long now = nanos.getAsLong();
    List<Entry<T>> list = new ArrayList<>(waiting);
    list.sort(Comparator.<Entry<T>>comparingLong(e -> rank(e, now)).thenComparingLong(Entry::seq));
    return list;
  }

  private long rank(Entry<T> e, long now) {
    return rankOf(e.tier()) - (now - e.enqueuedNanos()) / agingNanos;
  }
}
