package org.runlab.engine.e2b;

/** E2B is off (no key, or disabled after a 401); runs go elsewhere and this is not a failure. */
public final class E2bUnavailableException extends RuntimeException {
  public E2bUnavailableException(String reason) {
    super(reason);
  }
}
