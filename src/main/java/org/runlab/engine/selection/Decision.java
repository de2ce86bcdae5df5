package org.runlab.engine.selection;

import java.util.List;
import org.runlab.engine.EngineId;

/**
 * Where a run goes and why, most important reason first.
 *
 * @param engine the engine, or null when the run goes nowhere: refused (abuse) or no engine can
 *     take it
 */
public record Decision(EngineId engine, List<Reason> reasons) {
  /** How the ledger and the API name a run that goes nowhere. */
  public static final String NOWHERE = "none";

  public Decision {
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a decision needs at least one reason");
    }
  }

  /** A run that must not, or cannot, happen anywhere. */
  public static Decision nowhere(List<Reason> reasons) {
    return new Decision(null, reasons);
  }

  /** Whether the run must not happen anywhere. */
  public boolean refused() {
    return engine == null;
  }

  public boolean onServer() {
    return engine != null && engine.onServer();
  }

  public boolean inBrowser() {
    return engine == EngineId.BROWSER;
  }

  /** The engine's id, or {@value #NOWHERE}. */
  public String engineName() {
    return engine == null ? NOWHERE : engine.id();
  }

  /** The first, most important reason. */
  public Reason primary() {
    return reasons.get(0);
  }

  public boolean has(ReasonCode code) {
    return reasons.stream().anyMatch(r -> r.code() == code);
  }

  /** The reasons' texts as one paragraph for the learner. */
  public String explanation() {
    return String.join(" ", reasons.stream().map(Reason::text).toList());
  }
}
