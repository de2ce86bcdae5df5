package org.runlab.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A flag a caller sets to stop a run; engines register what to do when it is set. */
public final class Cancellation {
  private volatile boolean cancelled;
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  public boolean isCancelled() {
    return cancelled;
  }

  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    actions.forEach(Runnable::run);
  }

  /** Runs {@code action} on cancel, or at once if already cancelled. */
  public void onCancel(Runnable action) {
    actions.add(action);
    if (cancelled) {
      action.run();
    }
  }
}
