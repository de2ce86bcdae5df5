package org.runlab.execution;

/**
 * What {@code POST /api/runs} decided: a browser run for the page, a queued server run (with its
 * live state), or a run that is already finished (refused).
 */
public record Admission(RunView view, LiveRun live) {
  public boolean inBrowser() {
    return view.state() == RunState.BROWSER;
  }

  public boolean queued() {
    return live != null;
  }
}
