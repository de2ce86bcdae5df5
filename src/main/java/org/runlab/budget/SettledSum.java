package org.runlab.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A running sum over [start, now) of rows that stop changing once they are old (a run's cost is
 * written within minutes of its start): the settled part, up to {@code settledAfter} ago, is
 * summed once and redone only every {@code resettleEvery}; each call adds the recent rows. So a
 * month-to-date total costs one range of the recent rows each time, not the whole month.
 * Not thread-safe: its owner calls it under a lock.
 */
final class SettledSum {
  /** The sum of the rows in [from, to). */
  interface Sum {
    BigDecimal of(OffsetDateTime from, OffsetDateTime to);
  }

  private final Sum sum;
  private final Duration settledAfter;
  private final Duration resettleEvery;
  private BigDecimal settled = BigDecimal.ZERO;
  private OffsetDateTime settledFrom;
  private OffsetDateTime settledTo;

  SettledSum(Sum sum, Duration settledAfter, Duration resettleEvery) {
    this.sum = sum;
    this.settledAfter = settledAfter;
    this.resettleEvery = resettleEvery;
  }

  /** The sum over [start, end). */
  BigDecimal over(OffsetDateTime start, OffsetDateTime end) {
    OffsetDateTime settleTo = end.minus(settledAfter);
    if (settleTo.isBefore(start)) {
      settleTo = start;
    }
    if (settledTo == null || !start.equals(settledFrom) || settledTo.isAfter(settleTo)
        || Duration.between(settledTo, settleTo).compareTo(resettleEvery) >= 0) {
      settled = sum.of(start, settleTo);
      settledFrom = start;
      settledTo = settleTo;
    }
    return settled.add(sum.of(settledTo, end));
  }
}
