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

  /** Says when to try again (the Retry-After header); returns this exception. */
  public UnavailableException retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Seconds until the request may succeed; 0 when unknown. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
