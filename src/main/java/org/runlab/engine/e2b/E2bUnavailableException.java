package org.runlab.engine.e2b;

/**
 * E2B cannot take a run and this is not E2B failing (no key, disabled after a 401, at its
 * concurrency cap): runs go elsewhere, nothing is retried and the circuit breaker does not count it.
 */
public final class E2bUnavailableException extends RuntimeException {
  private final String because;

  public E2bUnavailableException(String reason) {
    this(reason, "the cloud sandbox is switched off");
  }

  /**
   * @param reason for operators (health, the log)
   * @param because for the learner, completing "because ..."
   */
  public E2bUnavailableException(String reason, String because) {
    super(reason);
    this.because = because;
  }

  /** Why, in the learner's words. */
  public String because() {
    return because;
  }
}
