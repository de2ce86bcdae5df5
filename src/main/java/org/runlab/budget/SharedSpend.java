package org.runlab.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.runlab.platform.cluster.SharedMap;

/**
 * The month's spending as the member that computed it hands it to the others: the total, the E2B
 * part and when it was computed, kept as one string ({@code total|e2b|epochMillis}).
 */
record SharedSpend(BigDecimal total, BigDecimal e2b, Instant at) {
  static String format(BigDecimal total, BigDecimal e2b, Instant at) {
    return total.toPlainString() + "|" + e2b.toPlainString() + "|" + at.toEpochMilli();
  }

  /** The figure in {@code value}; empty when there is none or it does not parse. */
  static Optional<SharedSpend> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split("\\|");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SharedSpend(new BigDecimal(parts[0]), new BigDecimal(parts[1]),
          Instant.ofEpochMilli(Long.parseLong(parts[2]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Puts a new figure in the shared map (sent to the member that owns the entry). */
  record Put(String value) implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      return new SharedMap.Change<>(value, true);
    }
  }
}
