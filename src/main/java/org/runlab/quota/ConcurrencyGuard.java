package org.runlab.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.runlab.platform.cluster.SharedMap;
import org.runlab.platform.cluster.Stamps;

/**
 * How many server runs each identity has running, across the cluster: a list of run leases per
 * identity in a {@link SharedMap}, changed by one atomic update per start and per end. A lease is
 * short and renewed while its run runs ({@link #renew}), so the slots of a member that dies
 * mid-run are free again one lease time after its last renewal.
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

  /** Extends run {@code runId}'s lease to {@code lease} from now; false when it holds none (it lapsed). */
  public boolean renew(String identity, String runId, Duration lease) {
    return map.update(key(identity), new Renew(runId, clock.millis(), lease.toMillis()));
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
      List<Stamps.Stamp> live = live(current, now);
      if (live.stream().anyMatch(l -> l.name().equals(runId))) {
        return new SharedMap.Change<>(Stamps.join(live), true);
      }
      if (live.size() >= limit) {
        return new SharedMap.Change<>(Stamps.join(live), false);
      }
      live.add(new Stamps.Stamp(runId, now + leaseMillis));
      return new SharedMap.Change<>(Stamps.join(live), true);
    }
  }

  /** Extends a run's lease, if it still holds one, dropping expired leases on the way. */
  record Renew(String runId, long now, long leaseMillis) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<Stamps.Stamp> live = live(current, now);
      boolean held = live.removeIf(l -> l.name().equals(runId));
      if (held) {
        live.add(new Stamps.Stamp(runId, now + leaseMillis));
      }
      return new SharedMap.Change<>(Stamps.join(live), held);
    }
  }

  /** Gives a run's slot back, dropping expired leases on the way. */
  record End(String runId, long now) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<Stamps.Stamp> live = live(current, now);
      boolean held = live.removeIf(l -> l.name().equals(runId));
      return new SharedMap.Change<>(Stamps.join(live), held);
    }
  }

  /** The leases that have not expired by {@code now}. */
  private static List<Stamps.Stamp> live(String value, long now) {
    List<Stamps.Stamp> live = Stamps.parse(value);
    live.removeIf(l -> l.millis() <= now);
    return live;
  }
}
