package org.runlab.engine.selection;

import java.util.List;

/**
 * Where a run goes and why, most important reason first.
 *
 * @param engine {@link #BROWSER}, {@link #LOCAL}, {@link #E2B}, or {@link #NONE} when the run is
 *     refused (abuse) or no engine can take it
 */
public record Decision(String engine, List<Reason> reasons) {
  public static final String BROWSER = "browser";
  public static final String LOCAL = "local";
  public static final String E2B = "e2b";
  public static final String NONE = "none";

  public Decision {
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a decision needs at least one reason");
    }
  }

  /** Whether the run must not happen anywhere. */
  public boolean refused() {
    return NONE.equals(engine);
  }

  public boolean onServer() {
    return LOCAL.equals(engine) || E2B.equals(engine);
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
