package org.runlab.reports;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;

/**
 * Runs the nightly jobs at their configured times (UTC), once per cluster: every instance looks
 * every 30 seconds, and {@link JobLauncher} lets only the first start each night's job. Each night
 * makes yesterday's cost report, the month-to-date report and yesterday's anomaly scan; nights
 * missed while no instance ran are caught up at the next start (up to {@code
 * runlab.batch.catch-up-days}). The same round restarts executions whose instance died.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlySchedule {
  private static final Logger LOG = Logger.getLogger(NightlySchedule.class.getName());
  static final String DAY = "day:";
  static final String MONTH_TO_DATE = "mtd:";
  /** A launch row without an execution this old lost its instance before the start. */
  private static final Duration UNSTARTED = Duration.ofMinutes(5);

  @Inject AppConfig config;
  @Inject Background background;
  @Inject BatchRuntimeCheck check;
  @Inject JobLauncher launcher;
  @Inject OrphanRecovery recovery;

  private BatchSettings settings;
  private Clock clock = Clock.systemUTC();

  @PostConstruct
  void init() {
    settings = BatchSettings.from(config.get());
    background.every("nightly-jobs", Duration.ofSeconds(30), this::tick);
  }

  /** One round: check the runtime (until it passed), recover orphans, start what is due. */
  void tick() {
    if (!check.passed() && (check.problem().isPresent() || !check.run())) {
      return;
    }
    try {
      recovery.recover(settings.orphanAfter());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not recover orphaned job executions; next round tries again", e);
    }
    for (String[] launch : launcher.unstarted(UNSTARTED)) {
      parameters(launch[0], launch[1]).ifPresent(p -> launcher.startUnstarted(launch[0], launch[1], UNSTARTED, p));
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    settings.costReportSchedule().ifPresent(t -> launchDue(Jobs.COST_REPORT, t, now));
    settings.anomalyScanSchedule().ifPresent(t -> launchDue(Jobs.ANOMALY_SCAN, t, now));
  }

  private void launchDue(String job, LocalTime at, OffsetDateTime now) {
    Optional<LocalDate> last = launcher.latest(job, DAY).map(k -> LocalDate.parse(k.substring(DAY.length())));
    List<LocalDate> days = dueDays(at, now, last, settings.catchUpDays());
    for (LocalDate day : days) {
      launcher.startOnce(job, DAY + day, parameters(job, DAY + day).orElseThrow());
    }
    if (job.equals(Jobs.COST_REPORT) && !days.isEmpty()) {
      LocalDate latest = days.get(days.size() - 1);
      launcher.startOnce(job, MONTH_TO_DATE + latest, parameters(job, MONTH_TO_DATE + latest).orElseThrow());
    }
  }

  /**
   * The days whose nightly run is due and not launched yet, oldest first: the last night (the day
   * before the latest scheduled time not after {@code now}), and the nights after {@code last}
   * before it, at most {@code catchUp} back. With nothing launched before, only the last night.
   */
  static List<LocalDate> dueDays(LocalTime at, OffsetDateTime now, Optional<LocalDate> last, int catchUp) {
    OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
    LocalDate night = utc.toLocalTime().isBefore(at) ? utc.toLocalDate().minusDays(1) : utc.toLocalDate();
    LocalDate newest = night.minusDays(1);
    LocalDate oldest = last.map(d -> d.plusDays(1)).orElse(newest);
    if (oldest.isBefore(newest.minusDays(catchUp))) {
      oldest = newest.minusDays(catchUp);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = oldest; !d.isAfter(newest); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** A nightly run's parameters, from its job and run key ("day:2026-12-07", "mtd:2026-12-07"). */
  Optional<Properties> parameters(String job, String runKey) {
    Properties p = new Properties();
    p.setProperty(Jobs.CHUNK_SIZE, Integer.toString(settings.chunkSize()));
    p.setProperty(Jobs.REQUESTED_BY, "schedule");
    if (runKey.startsWith(DAY)) {
      String day = runKey.substring(DAY.length());
      p.setProperty(Jobs.FROM, day);
      p.setProperty(Jobs.TO, day);
      p.setProperty(Jobs.KIND, "DAY");
    } else if (runKey.startsWith(MONTH_TO_DATE) && job.equals(Jobs.COST_REPORT)) {
      LocalDate day = LocalDate.parse(runKey.substring(MONTH_TO_DATE.length()));
      p.setProperty(Jobs.FROM, day.withDayOfMonth(1).toString());
      p.setProperty(Jobs.TO, day.toString());
      p.setProperty(Jobs.KIND, "MONTH_TO_DATE");
    } else {
      return Optional.empty();
    }
    return Optional.of(p);
  }
}
