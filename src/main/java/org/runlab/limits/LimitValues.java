package org.runlab.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits an admin may override, each null when not overridden (the tier's value holds).
 *
 * @param wallSeconds wall time of one run; CPU time is capped to it as well
 */
public record LimitValues(
    Integer runsPerHour,
    Integer runsPerDay,
    Integer concurrentRuns,
    Integer wallSeconds,
    Integer memoryMb,
    Boolean e2bAllowed,
    Integer maxQueueSeconds) {

  public static final LimitValues NONE = new LimitValues(null, null, null, null, null, null, null);

  /** {@code o}'s set fields over this one's. */
  public LimitValues over(LimitValues o) {
    if (o == null) {
      return this;
    }
    return new LimitValues(
        o.runsPerHour != null ? o.runsPerHour : runsPerHour,
        o.runsPerDay != null ? o.runsPerDay : runsPerDay,
        o.concurrentRuns != null ? o.concurrentRuns : concurrentRuns,
        o.wallSeconds != null ? o.wallSeconds : wallSeconds,
        o.memoryMb != null ? o.memoryMb : memoryMb,
        o.e2bAllowed != null ? o.e2bAllowed : e2bAllowed,
        o.maxQueueSeconds != null ? o.maxQueueSeconds : maxQueueSeconds);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  /** For the audit trail: {@code runs-per-hour=5, memory-mb=512}, or {@code (none)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    add(parts, "runs-per-hour", runsPerHour);
    add(parts, "runs-per-day", runsPerDay);
    add(parts, "concurrent-runs", concurrentRuns);
    add(parts, "wall-seconds", wallSeconds);
    add(parts, "memory-mb", memoryMb);
    add(parts, "e2b-allowed", e2bAllowed);
    add(parts, "max-queue-seconds", maxQueueSeconds);
    return parts.isEmpty() ? "(none)" : String.join(", ", parts);
  }

  private static void add(List<String> parts, String name, Object value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }
}
