package org.runlab.reports;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A position in rows read in (time, id) order: where a keyset page starts, and what a reader's
 * checkpoint holds. Stored as text, so a checkpoint never depends on a class the batch runtime's
 * class loader might not see.
 */
record Keyset(OffsetDateTime at, UUID id) {
  static final Keyset START = new Keyset(null, null);

  static Keyset parse(java.io.Serializable checkpoint) {
    if (checkpoint == null) {
      return START;
    }
    String s = checkpoint.toString();
    int bar = s.indexOf('|');
    return new Keyset(OffsetDateTime.parse(s.substring(0, bar)), UUID.fromString(s.substring(bar + 1)));
  }

  boolean isStart() {
    return at == null;
  }

  String text() {
    return isStart() ? null : at + "|" + id;
  }
}
