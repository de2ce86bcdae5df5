package org.runlab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.runlab.platform.TestConfig;

class NightlyScheduleTest {
  private static final LocalTime AT = LocalTime.parse("02:10");

  @Test
  void afterTheScheduledTimeYesterdayIsDue() {
    assertThat(NightlySchedule.dueDays(AT, OffsetDateTime.parse("2026-12-08T02:10:00Z"), Optional.empty(), 7))
        .containsExactly(LocalDate.parse("2026-12-07"));
  }

  @Test
  void beforeTheScheduledTimeTheNightBeforeIsStillTheLatest() {
    assertThat(NightlySchedule.dueDays(AT, OffsetDateTime.parse("2026-12-08T01:00:00Z"), Optional.empty(), 7))
        .containsExactly(LocalDate.parse("2026-12-06"));
  }

  @Test
  void missedNightsAreCaughtUpOldestFirstUpToTheLimit() {
    assertThat(NightlySchedule.dueDays(AT, OffsetDateTime.parse("2026-12-08T09:00:00Z"),
        Optional.of(LocalDate.parse("2026-12-04")), 7))
        .containsExactly(LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-06"), LocalDate.parse("2026-12-07"));
    assertThat(NightlySchedule.dueDays(AT, OffsetDateTime.parse("2026-12-08T09:00:00Z"),
        Optional.of(LocalDate.parse("2026-11-01")), 2))
        .containsExactly(LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-06"), LocalDate.parse("2026-12-07"));
    assertThat(NightlySchedule.dueDays(AT, OffsetDateTime.parse("2026-12-08T09:00:00Z"),
        Optional.of(LocalDate.parse("2026-12-07")), 7)).isEmpty();
  }

  @Test
  void schedulesAreHoursAndMinutesInUtcOrOff() {
    BatchSettings s = BatchSettings.from(TestConfig.defaults());
    assertThat(s.costReportSchedule()).contains(LocalTime.parse("02:10"));
    assertThat(s.anomalyScanSchedule()).contains(LocalTime.parse("02:40"));
    assertThat(BatchSettings.from(TestConfig.with(Map.of("runlab.batch.cost-report.schedule", "off")))
        .costReportSchedule()).isEmpty();
    assertThatThrownBy(() -> BatchSettings.from(TestConfig.with(Map.of("runlab.batch.anomaly-scan.schedule", "2am"))))
        .hasMessageContaining("runlab.batch.anomaly-scan.schedule").hasMessageContaining("HH:MM");
  }
}
