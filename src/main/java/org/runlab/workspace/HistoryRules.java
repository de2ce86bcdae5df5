package org.runlab.workspace;

import java.util.Optional;

/** The rules that keep a lesson's history useful and bounded. */
final class HistoryRules {
  private HistoryRules() {}

  /**
   * Whether a page save may be skipped because nothing changed since the latest snapshot: only
   * for auto-saves and run saves; restores, adoptions and resets are always written.
   */
  static boolean isRedundant(Optional<Workspace> latest, Workspace next, SnapshotReason reason) {
    return reason.isPageSave() && latest.isPresent() && latest.get().equals(next);
  }

  /**
   * How many snapshots to keep per learner and lesson: at least one, so the newest is never
   * dropped, whatever the configuration says.
   */
  static int keep(int configured) {
    return Math.max(1, configured);
  }
}
