package org.runlab.platform.background;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How gathered writes go to the database: together in one transaction, else each alone. */
public final class Batches {
  private static final Logger LOG = Logger.getLogger(Batches.class.getName());

  private Batches() {}

  /**
   * Writes {@code items} with one call of {@code write} (one transaction); when the database
   * refuses that, writes each alone, so one bad item holds up no other. Returns the items the
   * database still refused, for the caller to try again or give up on.
   */
  public static <T> List<T> writeTogetherElseEach(List<T> items, Consumer<List<T>> write, String what) {
    if (items.isEmpty()) {
      return List.of();
    }
    try {
      write.accept(items);
      return List.of();
    } catch (RuntimeException e) {
      if (items.size() == 1) {
        LOG.log(Level.WARNING, "Could not write " + what + "; trying again later", e);
        return List.copyOf(items);
      }
      LOG.log(Level.WARNING, "Could not write " + items.size() + " " + what + " together; trying each", e);
    }
    List<T> refused = new ArrayList<>();
    for (T item : items) {
      try {
        write.accept(List.of(item));
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not write one of the " + what, e);
        refused.add(item);
      }
    }
    return refused;
  }
}
