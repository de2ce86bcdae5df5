package org.runlab.platform.errors;

/** The caller may not do this: their plan or role does not include it. */
public class NotPermittedException extends RunlabException {
  public NotPermittedException(String title, String detail) {
    super(title, detail);
  }
}
