package org.runlab.execution;

import java.time.Duration;
import org.runlab.engine.Limits;
import org.runlab.engine.Verdict;

/**
 * The verdict as the learner reads it, naming the limit that was hit ("Your program was stopped
 * after 10 s, the limit of your plan."), the same on every engine.
 */
public final class VerdictWords {
  private VerdictWords() {}

  /** The sentence for {@code verdict}; {@code limits} are those the run had (null: not known). */
  public static String of(Verdict verdict, Integer exitCode, Limits limits) {
    if (limits != null) {
      switch (verdict) {
        case TIME_LIMIT:
          return "Your program was stopped after " + seconds(limits.wallTime()) + ", the limit of your plan.";
        case CPU_LIMIT:
          return "Your program was stopped after " + seconds(limits.cpuTime())
              + " of CPU time, the limit of your plan.";
        case MEMORY_LIMIT:
          return "Your program was stopped when it used more than " + bytes(limits.memoryBytes())
              + " of memory, the limit of your plan.";
        case OUTPUT_LIMIT:
          return "Your program printed more than " + bytes(limits.outputBytes())
              + ", the limit of your plan; the rest was cut.";
        default:
          break;
      }
    }
    if (verdict == Verdict.OK && exitCode != null && exitCode != 0) {
      return "Your program finished with exit code " + exitCode + ".";
    }
    return "Your program " + verdict.plainWords() + ".";
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  static String bytes(long n) {
    if (n >= 1 << 20 && n % (1 << 20) == 0) {
      return (n >> 20) + " MB";
    }
    if (n >= 1 << 10) {
      return Math.round(n / 1024.0) + " KB";
    }
    return n + " bytes";
  }
}
