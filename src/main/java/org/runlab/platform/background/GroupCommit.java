package org.runlab.platform.background;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: callers hand their item over and wait until the transaction holding it has
 * committed; one committer thread writes, in one transaction, everything handed over while the
 * previous transaction was committing. A lone caller pays one commit; many callers at once share
 * one, so durability before the answer costs little more than writing behind it did.
 *
 * <p>When the database refuses a batch, each item is tried alone, so one bad item fails only its
 * own caller. Without a thread factory (outside a container) items are written on the caller's
 * thread, one by one.
 */
public final class GroupCommit<T> {
  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  private final String name;
  private final int maxBatch;
  private final Consumer<List<T>> writeAll;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private volatile boolean stopping;

  private record Pending<T>(T item, CompletableFuture<Void> committed) {}

  /**
   * {@code writeAll} writes its items in one transaction and throws when the database refuses it;
   * at most {@code maxBatch} items go in one.
   */
  public GroupCommit(String name, ThreadFactory threads, int maxBatch, Consumer<List<T>> writeAll) {
    this.name = name;
    this.maxBatch = maxBatch;
    this.writeAll = writeAll;
    if (threads == null) {
      committer = null;
      return;
    }
    committer = threads.newThread(this::loop);
    committer.setName("runlab-commit-" + name);
    committer.setDaemon(true);
    committer.start();
  }

  /** Hands {@code item} over; the future completes when it is committed, or fails with the database's refusal. */
  public CompletableFuture<Void> submit(T item) {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    Pending<T> p = new Pending<>(item, committed);
    if (committer == null || stopping || !committer.isAlive()) {
      write(List.of(p));
    } else {
      queue.add(p);
      if (!committer.isAlive() && queue.remove(p)) {
        write(List.of(p)); // the committer stopped between the look and the hand-over
      }
    }
    return committed;
  }

  private void loop() {
    List<Pending<T>> batch = new ArrayList<>(maxBatch);
    while (!stopping || !queue.isEmpty()) {
      try {
        Pending<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, "The " + name + " committer failed on a batch", e);
        batch.forEach(p -> p.committed().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending<T>> batch) {
    try {
      writeAll.accept(batch.stream().map(Pending::item).toList());
      batch.forEach(p -> p.committed().complete(null));
      return;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).committed().completeExceptionally(e);
        return;
      }
      LOG.log(Level.WARNING, "Could not commit " + batch.size() + " " + name + " together; trying each", e);
    }
    for (Pending<T> p : batch) {
      try {
        writeAll.accept(List.of(p.item()));
        p.committed().complete(null);
      } catch (RuntimeException e) {
        p.committed().completeExceptionally(e);
      }
    }
  }

  /** Commits what was handed over (for up to {@code waitMillis}), then stops the committer. */
  public void stop(long waitMillis) {
    stopping = true;
    if (committer == null) {
      return;
    }
    try {
      committer.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (committer.isAlive()) {
      LOG.warning(queue.size() + " " + name + " were not committed at shutdown");
      committer.interrupt();
    }
  }
}
