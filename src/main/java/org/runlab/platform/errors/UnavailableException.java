package org.runlab.platform.errors;

/**
 * Runlab cannot do this right now (no sandbox free, the database away); nothing was lost and the
 * same request may succeed later.
 */
public class UnavailableException extends RunlabException {
  public UnavailableException(String title, String detail) {
    super(title, detail);
  }
}
