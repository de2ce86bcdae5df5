package org.runlab.execution;

/** Where a run is in its life. BROWSER: handed to the page's Pyodide, awaiting its report. */
public enum RunState {
  QUEUED,
  RUNNING,
  FINISHED,
  BROWSER
}
