package org.runlab.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a run may install the packages its project's {@code requirements.txt} names, and how
 * long installing may take. Install time is limited apart from the run's own wall time.
 *
 * @param allowed whether the learner's tier may install packages
 * @param timeLimit how long resolving and installing may take, before the learner's code runs
 */
public record InstallPolicy(boolean allowed, Duration timeLimit) {
  /** Installing not allowed: a requirement the engine does not already provide is refused. */
  public static final InstallPolicy NONE = new InstallPolicy(false, Duration.ZERO);

  public InstallPolicy {
    Objects.requireNonNull(timeLimit, "timeLimit");
  }
}
