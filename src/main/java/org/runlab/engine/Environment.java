package org.runlab.engine;

import java.util.Objects;

/**
 * What a run's Python has besides the standard library and the engine's own packages: a named
 * environment an admin attached to the lesson, or none. The engine makes it ready before the
 * learner's code runs, from its cache where it can, so such runs need no install of their own.
 *
 * @param name the environment's name, for messages and the console; empty for none
 * @param requirements a requirements set in {@code requirements.txt} form; empty for none
 * @param e2bTemplate the E2B template that already holds it; empty to use the tier's template
 */
public record Environment(String name, String requirements, String e2bTemplate) {
  /** No environment: the engine's own packages and whatever the project's requirements add. */
  public static final Environment NONE = new Environment("", "", "");

  public Environment {
    name = Objects.requireNonNullElse(name, "");
    requirements = Objects.requireNonNullElse(requirements, "");
    e2bTemplate = Objects.requireNonNullElse(e2bTemplate, "");
  }

  public boolean isNone() {
    return name.isEmpty() && requirements.isBlank() && e2bTemplate.isEmpty();
  }
}
