package org.runlab.quota;

/**
 * One rate-limit window as the learner sees it.
 *
 * @param name {@code hour} or {@code day}: the policy name in the RateLimit headers
 * @param quota server runs the window allows
 * @param remaining server runs left in it
 * @param resetSeconds seconds until it starts afresh
 */
public record QuotaWindow(String name, long quota, long remaining, long resetSeconds, long windowSeconds) {
  public QuotaWindow {
    remaining = Math.max(0, Math.min(remaining, quota));
    resetSeconds = Math.max(0, resetSeconds);
  }

  /** 20% or less of the window is left (and the window allows anything at all). */
  public boolean low() {
    return quota > 0 && remaining * 5 <= quota;
  }

  /** "this hour" or "today". */
  String inWords() {
    return "hour".equals(name) ? "this hour" : "today";
  }
}
