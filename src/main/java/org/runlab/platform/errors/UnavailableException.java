package org.runlab.platform.errors;

/**
 * Runlab cannot do this right now (no sandbox free, the database away); nothing was lost and the
 * same request may succeed later, after {@link #retryAfterSeconds()} when it says.
 */
public class UnavailableException extends RunlabException {
  private long retryAfterSeconds;

  public UnavailableException(String title, String detail) {
    super(title, detail);
  }

  /** Says when the same request may succeed (a Retry-After header, and a fact in the problem). */
  public UnavailableException retryAfter(long seconds) {
    retryAfterSeconds = Math.max(1, seconds);
    with("retryAfterSeconds", retryAfterSeconds);
    return this;
  }

  /** When to try again, or 0 when nobody knows. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
