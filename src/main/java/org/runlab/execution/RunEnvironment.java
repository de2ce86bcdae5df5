package org.runlab.execution;

import org.runlab.course.LessonEnvironment;
import org.runlab.engine.Environment;

/** A lesson environment as the engines take it. */
final class RunEnvironment {
  private RunEnvironment() {}

  /** The engine's view of {@code e}; {@link Environment#NONE} for null. */
  static Environment of(LessonEnvironment e) {
    return e == null ? Environment.NONE : new Environment(e.getName(), e.getRequirements(), e.getE2bTemplate());
  }
}
