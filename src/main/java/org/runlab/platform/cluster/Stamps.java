package org.runlab.platform.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of names each with a time in epoch milliseconds, kept as one string
 * ({@code name@millis;name@millis}) in a {@link SharedMap}: run leases with their expiry, instance
 * beats with their time. Entries that do not parse are skipped.
 */
public final class Stamps {
  private Stamps() {}

  /** One name and its time. */
  public record Stamp(String name, long millis) {}

  /** The entries of {@code value} (null or empty: none). */
  public static List<Stamp> parse(String value) {
    List<Stamp> out = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    for (String entry : value.split(";")) {
      int at = entry.lastIndexOf('@');
      if (at <= 0) {
        continue;
      }
      try {
        out.add(new Stamp(entry.substring(0, at), Long.parseLong(entry.substring(at + 1))));
      } catch (NumberFormatException ignored) {
        // not a stamp: skip it
      }
    }
    return out;
  }

  /** The entries as a value, or null (no entry) when there are none. */
  public static String join(List<Stamp> stamps) {
    if (stamps.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Stamp s : stamps) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(s.name()).append('@').append(s.millis());
    }
    return b.toString();
  }
}
