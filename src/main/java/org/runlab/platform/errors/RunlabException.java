package org.runlab.platform.errors;

import jakarta.ejb.ApplicationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Runlab will not carry out, in words a person can act on: a short title, a detail, and
 * facts a client may use (the field at fault, when a limit resets). Services throw the subclasses;
 * only the web layer knows which HTTP status each one is.
 */
@ApplicationException(rollback = true)
public abstract class RunlabException extends RuntimeException {
  private final String title;
  private final Map<String, Object> facts = new LinkedHashMap<>();

  protected RunlabException(String title, String detail) {
    super(detail);
    this.title = title;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Adds a fact (a number, a boolean or text) for the client; returns this exception. */
  public RunlabException with(String name, Object value) {
    facts.put(name, value);
    return this;
  }

  public Map<String, Object> facts() {
    return Map.copyOf(facts);
  }
}
