package org.runlab.platform.cluster;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Which member runs a cluster-wide job: one lease per job in a shared map ({@code holder@expiry}).
 * A member takes a free or expired lease, or renews its own, in one atomic change; every other
 * member is refused until the holder stops renewing (it died or left) and the lease expires, then
 * the next to ask takes over. So a job guarded by a lease runs on one member at a time, and again
 * within one lease time after its member dies.
 */
public final class JobLeases {
  /** The shared map the leases live in. */
  public static final String MAP = "runlab-job-leases";

  private final SharedMap map;
  private final InstantSource clock;
  private final String holder;

  public JobLeases(SharedMap map, InstantSource clock, String holder) {
    this.map = map;
    this.clock = clock;
    this.holder = holder;
  }

  /** Whether this member holds (took or renewed) the lease of {@code job} for {@code ttl} from now. */
  public boolean hold(String job, Duration ttl) {
    return map.update(job, new Take(holder, clock.millis(), ttl.toMillis()));
  }

  /** Who holds the lease of {@code job} now (empty when nobody does). */
  public String holder(String job) {
    List<Stamps.Stamp> lease = Stamps.parse(map.get(job));
    return lease.isEmpty() || lease.get(0).millis() < clock.millis() ? "" : lease.get(0).name();
  }

  /** Takes the lease when it is free, expired or already the caller's; else leaves it. */
  record Take(String holder, long now, long ttlMillis) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<Stamps.Stamp> lease = Stamps.parse(current);
      boolean free = lease.isEmpty() || lease.get(0).millis() < now || lease.get(0).name().equals(holder);
      if (!free) {
        return new SharedMap.Change<>(current, false);
      }
      return new SharedMap.Change<>(Stamps.join(List.of(new Stamps.Stamp(holder, now + ttlMillis))), true);
    }
  }
}
