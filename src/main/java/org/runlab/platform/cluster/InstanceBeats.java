package org.runlab.platform.cluster;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which Runlab instances are alive, across the cluster: each one beats every few seconds
 * into one shared list of {@code instance@millis}; an instance that has not beaten for
 * {@code stale} is dead, and the orphan reaper may kill the sandboxes it left behind.
 */
public final class InstanceBeats {
  /** The shared map the beats live in. */
  public static final String MAP = "runlab-instances";

  static final String KEY = "instances";

  private final SharedMap map;
  private final InstantSource clock;
  private final Duration stale;

  public InstanceBeats(SharedMap map, InstantSource clock, Duration stale) {
    this.map = map;
    this.clock = clock;
    this.stale = stale;
  }

  /** Says that {@code instance} is alive now (and drops the instances that have gone quiet). */
  public void beat(String instance) {
    map.update(KEY, new Beat(instance, clock.millis(), stale.toMillis()));
  }

  /** The instances that beat within {@code stale}. */
  public Set<String> live() {
    Set<String> out = new LinkedHashSet<>();
    for (Stamps.Stamp beat : recent(map.get(KEY), clock.millis() - stale.toMillis())) {
      out.add(beat.name());
    }
    return out;
  }

  /** Records one instance's beat in the list, one atomic change on the member that owns it. */
  record Beat(String instance, long now, long staleMillis) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<Stamps.Stamp> kept = recent(current, now - staleMillis);
      kept.removeIf(b -> b.name().equals(instance));
      kept.add(new Stamps.Stamp(instance, now));
      return new SharedMap.Change<>(Stamps.join(kept), true);
    }
  }

  private static List<Stamps.Stamp> recent(String value, long notBefore) {
    List<Stamps.Stamp> beats = Stamps.parse(value);
    beats.removeIf(b -> b.millis() < notBefore);
    return beats;
  }
}
