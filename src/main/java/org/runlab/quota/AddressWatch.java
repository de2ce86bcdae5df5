package org.runlab.quota;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Notices many accounts running code from one client address within an hour. The first
 * {@code allowed} accounts an hour are ordinary; the ones after them are flagged and share the
 * address's budget with its visitors, so making accounts does not multiply the limits.
 */
public final class AddressWatch {
  private static final int ATTEMPTS = 64;

  /** What the watch made of one account on one address. */
  public record Verdict(boolean shared, boolean newlyFlagged, int accounts) {}

  private final SharedMap map;
  private final Clock clock;
  private final int allowed;

  public AddressWatch(SharedMap map, Clock clock, int allowed) {
    this.map = map;
    this.clock = clock;
    this.allowed = allowed;
  }

  public Verdict see(String address, String account) {
    if (address == null || allowed <= 0) {
      return new Verdict(false, false, 0);
    }
    String key = "accounts:" + address + ":" + clock.millis() / 3_600_000L;
    for (int i = 0; i < ATTEMPTS; i++) {
      String current = map.get(key);
      List<String> seen = current == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(current.split(";")));
      int index = seen.indexOf(account);
      if (index >= 0) {
        return new Verdict(index >= allowed, false, seen.size());
      }
      if (seen.size() > 200) {
        return new Verdict(true, false, seen.size());
      }
      seen.add(account);
      String next = String.join(";", seen);
      if (current == null ? map.putIfAbsent(key, next) : map.replace(key, current, next)) {
        return new Verdict(seen.size() > allowed, seen.size() == allowed + 1, seen.size());
      }
    }
    return new Verdict(true, false, allowed + 1);
  }
}
