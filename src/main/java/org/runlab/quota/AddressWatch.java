package org.runlab.quota;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.runlab.platform.cluster.SharedMap;

/**
 * Notices many accounts running code from one client address within an hour. The first
 * {@code allowed} accounts an hour are ordinary; the ones after them are flagged and share the
 * address's budget with its visitors, so making accounts does not multiply the limits.
 *
 * <p>An account's place in an hour's list never changes, so once this member has seen where an
 * account stands it remembers that for the rest of the hour and asks the cluster no more.
 */
public final class AddressWatch {
  private static final int MAX_LISTED = 200;
  private static final int MAX_REMEMBERED = 100_000;

  /** What the watch made of one account on one address. */
  public record Verdict(boolean shared, boolean newlyFlagged, int accounts) implements Serializable {}

  private final SharedMap map;
  private final Clock clock;
  private final int allowed;
  private final Map<String, Verdict> remembered = new ConcurrentHashMap<>();
  private volatile long rememberedHour = -1;

  public AddressWatch(SharedMap map, Clock clock, int allowed) {
    this.map = map;
    this.clock = clock;
    this.allowed = allowed;
  }

  public Verdict see(String address, String account) {
    if (address == null || allowed <= 0) {
      return new Verdict(false, false, 0);
    }
    long hour = clock.millis() / 3_600_000L;
    if (hour != rememberedHour || remembered.size() > MAX_REMEMBERED) {
      remembered.clear();
      rememberedHour = hour;
    }
    String key = "accounts:" + address + ":" + hour;
    Verdict known = remembered.get(key + "|" + account);
    if (known != null) {
      return known;
    }
    Verdict v = map.update(key, new See(account, allowed));
    remembered.put(key + "|" + account, new Verdict(v.shared(), false, v.accounts()));
    return v;
  }

  /** Finds the account in the hour's list, adding it at the end when absent (up to a bound). */
  record See(String account, int allowed) implements SharedMap.Update<Verdict> {
    @Override
    public SharedMap.Change<Verdict> apply(String current) {
      List<String> seen = current == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(current.split(";")));
      int index = seen.indexOf(account);
      if (index >= 0) {
        return new SharedMap.Change<>(current, new Verdict(index >= allowed, false, seen.size()));
      }
      if (seen.size() > MAX_LISTED) {
        return new SharedMap.Change<>(current, new Verdict(true, false, seen.size()));
      }
      seen.add(account);
      return new SharedMap.Change<>(String.join(";", seen),
          new Verdict(seen.size() > allowed, seen.size() == allowed + 1, seen.size()));
    }
  }
}
