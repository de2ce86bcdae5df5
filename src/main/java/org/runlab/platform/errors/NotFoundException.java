package org.runlab.platform.errors;

/** What was asked for does not exist, or belongs to someone else (which looks the same). */
public class NotFoundException extends RunlabException {
  public NotFoundException(String title, String detail) {
    super(title, detail);
  }
}
