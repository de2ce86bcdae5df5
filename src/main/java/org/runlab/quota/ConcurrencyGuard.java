package org.runlab.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many server runs each identity has running, across the cluster: a list of run leases per
 * identity in a {@link SharedMap}, changed by one atomic update per start and per end. A lease
 * expires on its own after the run's longest possible life, so a member that dies mid-run cannot
 * hold a learner's slot for ever.
 */
public final class ConcurrencyGuard {
  private final SharedMap map;
  private final Clock clock;

  public ConcurrencyGuard(SharedMap map, Clock clock) {
    this.map = map;
    this.clock = clock;
  }

  /** Starts run {@code runId} for {@code identity} unless {@code limit} runs are running already. */
  public boolean tryAcquire(String identity, String runId, int limit, Duration lease) {
    return map.update(key(identity), new Start(runId, limit, clock.millis(), lease.toMillis()));
  }

  /** Ends run {@code runId}'s lease (nothing if it holds none). */
  public void release(String identity, String runId) {
    map.update(key(identity), new End(runId, clock.millis()));
  }

  /** Runs {@code identity} has running now. */
  public int running(String identity) {
    return live(map.get(key(identity)), clock.millis()).size();
  }

  private static String key(String identity) {
    return "running:" + identity;
  }

  /** Takes a slot for a run (again: a run that holds one keeps it), if one is free. */
  record Start(String runId, int limit, long now, long leaseMillis) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<String> live = live(current, now);
      if (holds(live, runId)) {
        return new SharedMap.Change<>(join(live), true);
      }
      if (live.size() >= limit) {
        return new SharedMap.Change<>(join(live), false);
      }
      live.add(runId + "@" + (now + leaseMillis));
      return new SharedMap.Change<>(join(live), true);
    }
  }

  /** Gives a run's slot back, dropping expired leases on the way. */
  record End(String runId, long now) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<String> live = live(current, now);
      boolean held = live.removeIf(l -> l.startsWith(runId + "@"));
      return new SharedMap.Change<>(join(live), held);
    }
  }

  private static boolean holds(List<String> live, String runId) {
    for (String lease : live) {
      if (lease.startsWith(runId + "@")) {
        return true;
      }
    }
    return false;
  }

  /** The leases as a value, or null (no entry) when there are none. */
  private static String join(List<String> live) {
    return live.isEmpty() ? null : String.join(";", live);
  }

  private static List<String> live(String value, long now) {
    List<String> live = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return live;
    }
    for (String lease : value.split(";")) {
      int at = lease.lastIndexOf('@');
      if (at > 0 && Long.parseLong(lease.substring(at + 1)) > now) {
        live.add(lease);
      }
    }
    return live;
  }
}
