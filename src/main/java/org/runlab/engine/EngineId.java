package org.runlab.engine;

import java.util.Arrays;
import java.util.Optional;

/** Every place code runs, by the name results, the ledger, configuration and metrics use. */
public enum EngineId {
  /** Pyodide in the learner's own browser: free to Runlab. */
  BROWSER("browser", "in your browser"),
  /** A bubblewrap sandbox on this server. */
  LOCAL("local", "on Runlab's own server"),
  /** An E2B cloud sandbox, paid by the second. */
  E2B("e2b", "in the cloud sandbox");

  private final String id;
  private final String where;

  EngineId(String id, String where) {
    this.id = id;
    this.where = where;
  }

  /** The name in results, the ledger, configuration and metrics: "browser", "local", "e2b". */
  public String id() {
    return id;
  }

  /** Where a run on this engine ran, completing "Your program ran ...". */
  public String where() {
    return where;
  }

  /** Whether this engine runs on Runlab's side (and so counts against server-run limits). */
  public boolean onServer() {
    return this != BROWSER;
  }

  /** The engine named {@code id} ("local"), if there is one. */
  public static Optional<EngineId> of(String id) {
    return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
