package org.runlab.reports;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * When the nightly jobs run and how they work through the data.
 *
 * @param costReportSchedule {@code runlab.batch.cost-report.schedule}: "HH:MM" UTC, or empty when off
 * @param anomalyScanSchedule {@code runlab.batch.anomaly-scan.schedule}, the same
 * @param chunkSize items read and written per chunk, each chunk one transaction and checkpoint
 * @param chunkPause a pause after each chunk, to keep a job gentle on a busy database
 * @param orphanAfter an execution whose heartbeat is older than this lost its instance: restarted
 * @param catchUpDays missed nights caught up at start, at most this many back
 */
public record BatchSettings(
    Optional<LocalTime> costReportSchedule,
    Optional<LocalTime> anomalyScanSchedule,
    int chunkSize,
    Duration chunkPause,
    Duration orphanAfter,
    int catchUpDays) {

  public static BatchSettings from(Config c) {
    int chunk = c.getValue("runlab.batch.chunk-size", Integer.class);
    if (chunk < 1) {
      throw new IllegalArgumentException("runlab.batch.chunk-size must be at least 1, not " + chunk);
    }
    return new BatchSettings(
        schedule(c, "runlab.batch.cost-report.schedule"),
        schedule(c, "runlab.batch.anomaly-scan.schedule"),
        chunk,
        Duration.ofMillis(Math.max(0, c.getValue("runlab.batch.chunk-pause-ms", Long.class))),
        c.getValue("runlab.batch.orphan-after", Duration.class),
        Math.max(0, c.getValue("runlab.batch.catch-up-days", Integer.class)));
  }

  /** "HH:MM" (UTC); empty or "off": the job does not run nightly. */
  static Optional<LocalTime> schedule(Config c, String key) {
    String value = c.getOptionalValue(key, String.class).map(String::trim).orElse("");
    if (value.isEmpty() || value.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    try {
      if (!value.matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM", value, 0);
      }
      return Optional.of(LocalTime.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be a time of day as HH:MM (UTC), such as 02:10, or off;"
          + " it is '" + value + "'", e);
    }
  }
}
