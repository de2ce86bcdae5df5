package org.runlab.engine.e2b;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.runlab.quota.SharedMap;

/**
 * Which Runlab instances are alive, across the cluster: each one's reaper beats every few seconds
 * into one shared list of {@code instance@millis}; an instance that has not beaten for
 * {@code stale} is dead, and the orphan reaper may kill the sandboxes it left behind.
 */
public final class InstanceBeats {
  static final String KEY = "e2b-instances";

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
    for (String[] e : entries(map.get(KEY), clock.millis() - stale.toMillis())) {
      out.add(e[0]);
    }
    return out;
  }

  /** Records one instance's beat in the list, one atomic change on the member that owns it. */
  record Beat(String instance, long now, long staleMillis) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      List<String> kept = new ArrayList<>();
      for (String[] e : entries(current, now - staleMillis)) {
        if (!e[0].equals(instance)) {
          kept.add(e[0] + "@" + e[1]);
        }
      }
      kept.add(instance + "@" + now);
      return new SharedMap.Change<>(String.join(";", kept), true);
    }
  }

  private static List<String[]> entries(String value, long notBefore) {
    List<String[]> out = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    for (String entry : value.split(";")) {
      int at = entry.lastIndexOf('@');
      if (at <= 0) {
        continue;
      }
      try {
        long beat = Long.parseLong(entry.substring(at + 1));
        if (beat >= notBefore) {
          out.add(new String[] {entry.substring(0, at), Long.toString(beat)});
        }
      } catch (NumberFormatException ignored) {
        // not a beat: skip it
      }
    }
    return out;
  }
}
