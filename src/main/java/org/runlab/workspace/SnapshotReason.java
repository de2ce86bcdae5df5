package org.runlab.workspace;

/** Why a snapshot was taken. */
public enum SnapshotReason {
  /** Saved a moment after the learner stopped typing. */
  AUTO,
  /** Saved when the learner pressed Run. */
  RUN,
  /** An older snapshot brought back from the history. */
  RESTORE,
  /** Work done in the browser before signing up, adopted by the new account. */
  ADOPT,
  /** The lesson's starter files, after the learner asked to start over. */
  RESET;

  /** Whether a page may ask for this reason directly (the others come from their own endpoints). */
  public boolean isPageSave() {
    return this == AUTO || this == RUN;
  }
}
