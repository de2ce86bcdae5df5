package org.runlab.platform.errors;

/** The thing exists but is not in a state that allows what was asked (already reported, say). */
public class ConflictException extends RunlabException {
  public ConflictException(String title, String detail) {
    super(title, detail);
  }
}
