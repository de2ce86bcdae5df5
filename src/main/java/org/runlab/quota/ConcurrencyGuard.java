package org.runlab.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many server runs each identity has running, across the cluster: a compare-and-set list of
 * run leases per identity in a {@link SharedMap}. A lease expires on its own after the run's
 * longest possible life, so a member that dies mid-run cannot hold a learner's slot for ever.
 */
public final class ConcurrencyGuard {
  private static final int ATTEMPTS = 64;

  private final SharedMap map;
  private final Clock clock;

  public ConcurrencyGuard(SharedMap map, Clock clock) {
    this.map = map;
    this.clock = clock;
  }

  /** Starts run {@code runId} for {@code identity} unless {@code limit} runs are running already. */
  public boolean tryAcquire(String identity, String runId, int limit, Duration lease) {
    String key = key(identity);
    for (int i = 0; i < ATTEMPTS; i++) {
      long now = clock.millis();
      String current = map.get(key);
      List<String> live = live(current, now);
      if (live.stream().anyMatch(l -> l.startsWith(runId + "@"))) {
        return true;
      }
      if (live.size() >= limit) {
        return false;
      }
      live.add(runId + "@" + (now + lease.toMillis()));
      String next = String.join(";", live);
      if (current == null ? map.putIfAbsent(key, next) : map.replace(key, current, next)) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  /** Ends run {@code runId}'s lease (nothing if it holds none). */
  public void release(String identity, String runId) {
    String key = key(identity);
    for (int i = 0; i < ATTEMPTS; i++) {
      String current = map.get(key);
      if (current == null) {
        return;
      }
      List<String> live = live(current, clock.millis());
      if (!live.removeIf(l -> l.startsWith(runId + "@")) && live.size() == count(current)) {
        return;
      }
      if (map.replace(key, current, String.join(";", live))) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /** Runs {@code identity} has running now. */
  public int running(String identity) {
    return live(map.get(key(identity)), clock.millis()).size();
  }

  private static String key(String identity) {
    return "running:" + identity;
  }

  private static int count(String value) {
    return value == null || value.isEmpty() ? 0 : value.split(";").length;
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
