package org.runlab.workspace;

import org.eclipse.microprofile.config.Config;

/**
 * How learners' saved work is kept.
 *
 * @param historyLimit snapshots kept per learner and lesson (the newest is always kept)
 * @param autosaveDelayMs the lesson page auto-saves this long after typing stops
 */
public record WorkspaceSettings(int historyLimit, long autosaveDelayMs) {
  public static WorkspaceSettings from(Config c) {
    return new WorkspaceSettings(
        c.getValue("runlab.workspace.history-limit", Integer.class),
        c.getValue("runlab.workspace.autosave-delay-ms", Long.class));
  }
}
