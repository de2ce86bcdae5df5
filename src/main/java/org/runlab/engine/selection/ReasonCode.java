package org.runlab.engine.selection;

/** Why an engine was chosen, for machines (metrics, tests, the run record). */
public enum ReasonCode {
  ABUSE,
  REQUIREMENTS,
  UNSUPPORTED_IMPORT,
  THREADS,
  MULTIPROCESSING,
  SUBPROCESS,
  SOCKETS,
  HTTP_CLIENT,
  FORK,
  CTYPES,
  FILE_WRITE,
  INPUT,
  DYNAMIC_IMPORT,
  MULTI_FILE,
  SIZE,
  LONG_RUNTIME,
  SYNTAX_ERROR,
  LEARNER_CHOICE,
  CHOICE_NOT_ALLOWED,
  TIER_NO_E2B,
  BUDGET,
  E2B_UNAVAILABLE,
  LOCAL_UNAVAILABLE,
  NO_SERVER,
  BROWSER_UNAVAILABLE,
  DEFAULT_BROWSER;


  /** The reason a server-needing feature gives. */
  static ReasonCode of(Feature f) {
    return valueOf(f.name());
  }
}
