package org.runlab.platform.errors;

/** Asked again too soon: the caller may try once {@link #retryAfterSeconds()} have passed. */
public class TooFrequentException extends RunlabException {
  private final long retryAfterSeconds;

  public TooFrequentException(String title, String detail, long retryAfterSeconds) {
    super(title, detail);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    with("retryAfterSeconds", this.retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
