package org.runlab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.runlab.platform.errors.InvalidInputException;

class ReportPeriodsTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

  @Test
  void aPeriodOfWholeDaysUpToTodayIsTaken() {
    assertThat(ReportPeriods.of("2026-12-01", "2026-12-07", TODAY)).isEqualTo(
        new Period(LocalDate.parse("2026-12-01"), TODAY));
    assertThat(ReportPeriods.of("2026-12-06", null, TODAY).to()).isEqualTo(LocalDate.parse("2026-12-06"));
    assertThat(ReportPeriods.of("2025-12-07", "2026-12-07", TODAY).from()).isEqualTo(LocalDate.parse("2025-12-07"));
  }

  @Test
  void eachBadPeriodIsRefusedNamingItsField() {
    assertField("2026-12-05", "2026-12-04", "to");
    assertField("2025-12-06", "2026-12-07", "to");
    assertField("2026-12-08", "2026-12-08", "from");
    assertField("2026-12-01", "2026-12-08", "to");
    assertField("yesterday", "2026-12-07", "from");
    assertField("2026-12-01", "2026-13-01", "to");
    assertField(null, "2026-12-01", "from");
  }

  @Test
  void aPeriodIsNamedByItsShape() {
    assertThat(ReportService.kind(ReportPeriods.of("2026-12-03", "2026-12-03", TODAY))).isEqualTo("DAY");
    assertThat(ReportService.kind(ReportPeriods.of("2026-12-01", "2026-12-06", TODAY))).isEqualTo("MONTH_TO_DATE");
    assertThat(ReportService.kind(ReportPeriods.of("2026-11-20", "2026-12-06", TODAY))).isEqualTo("PERIOD");
  }

  private static void assertField(String from, String to, String field) {
    assertThatThrownBy(() -> ReportPeriods.of(from, to, TODAY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.INVALID);
          assertThat(e.detail()).isNotBlank();
        });
  }
}
