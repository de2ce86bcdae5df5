/**
 * Learners' saved work: snapshots of a lesson's files per signed-in learner (auto-saved, at each
 * run, restored, adopted from the browser at sign-up, or reset to the starter files), and the
 * owner-only {@code /api/workspaces} API the lesson page uses.
 */
package org.runlab.workspace;
