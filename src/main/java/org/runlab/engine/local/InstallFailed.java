package org.runlab.engine.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Requirements that could not be installed: one message per line the learner (or the admin
 * building an environment) should fix, or the install's time limit.
 */
public final class InstallFailed extends Exception {
  private final List<String> problems;
  private final boolean timedOut;

  InstallFailed(List<String> problems, boolean timedOut) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
    this.timedOut = timedOut;
  }

  static InstallFailed tookTooLong(Duration limit) {
    long ms = limit.toMillis();
    String took = BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    return new InstallFailed(List.of("installing took longer than " + took), true);
  }

  /** What went wrong, one message per requirement line where pip said which line. */
  public List<String> problems() {
    return problems;
  }

  /** Whether the install ran out of its time limit rather than failing. */
  public boolean timedOut() {
    return timedOut;
  }
}
