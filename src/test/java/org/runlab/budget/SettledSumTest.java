package org.runlab.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettledSumTest {
  private final OffsetDateTime month = OffsetDateTime.parse("2026-11-01T00:00:00Z");
  private final List<String> asked = new ArrayList<>();
  /** One unit of cost per minute of the range: easy to check any split of it. */
  private final SettledSum sum = new SettledSum((from, to) -> {
    asked.add(from + ".." + to);
    return BigDecimal.valueOf(Duration.between(from, to).toMinutes());
  }, Duration.ofHours(1), Duration.ofMinutes(10));

  @Test
  void theOldPartIsSummedOnceAndOnlyTheRecentRowsEachTime() {
    OffsetDateTime now = month.plusDays(10);
    assertThat(sum.over(month, now)).isEqualByComparingTo(BigDecimal.valueOf(Duration.between(month, now).toMinutes()));
    assertThat(asked).hasSize(2);
    asked.clear();
    OffsetDateTime later = now.plusMinutes(5);
    assertThat(sum.over(month, later)).isEqualByComparingTo(BigDecimal.valueOf(Duration.between(month, later).toMinutes()));
    assertThat(asked).containsExactly(now.minusHours(1) + ".." + later); // the recent rows only
  }

  @Test
  void theSettledPartMovesOnEveryTenMinutesAndStartsAgainEachMonth() {
    OffsetDateTime now = month.plusDays(10);
    sum.over(month, now);
    asked.clear();
    OffsetDateTime later = now.plusMinutes(11);
    assertThat(sum.over(month, later)).isEqualByComparingTo(BigDecimal.valueOf(Duration.between(month, later).toMinutes()));
    assertThat(asked).containsExactly(month + ".." + later.minusHours(1), later.minusHours(1) + ".." + later);
    asked.clear();
    OffsetDateTime december = OffsetDateTime.parse("2026-12-01T00:00:00Z");
    assertThat(sum.over(december, december.plusMinutes(30))).isEqualByComparingTo("30");
    assertThat(asked).containsExactly(december + ".." + december, december + ".." + december.plusMinutes(30));
  }
}
