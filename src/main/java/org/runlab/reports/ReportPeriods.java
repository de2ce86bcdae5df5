package org.runlab.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Checks a requested period of whole UTC days: both ISO dates, {@code to} not before {@code from},
 * at most {@value #MAX_DAYS} days, nothing in the future. Each refusal names its field.
 */
public final class ReportPeriods {
  /** The longest period a report covers, in days (a leap year). */
  public static final int MAX_DAYS = 366;

  private ReportPeriods() {}

  /** The period from {@code from} to {@code to} (inclusive; when null, the one day {@code from}). */
  static Period of(String from, String to, LocalDate today) {
    LocalDate start = date("from", from);
    LocalDate end = to == null ? start : date("to", to);
    if (start.isAfter(today)) {
      throw InvalidInputException.invalid("from", "The period starts in the future (" + start + "); today is "
          + today + " (UTC).");
    }
    if (end.isBefore(start)) {
      throw InvalidInputException.invalid("to", "The period ends (" + end + ") before it starts (" + start + ").");
    }
    if (end.isAfter(today)) {
      throw InvalidInputException.invalid("to", "The period ends in the future (" + end + "); today is " + today
          + " (UTC). A report can cover days up to today.");
    }
    if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
      throw InvalidInputException.invalid("to", "The period is " + (ChronoUnit.DAYS.between(start, end) + 1)
          + " days long; a report covers at most " + MAX_DAYS + " days.");
    }
    return new Period(start, end);
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      throw InvalidInputException.invalid(field, "Give \"" + field + "\" as a date, such as 2026-12-01.");
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw InvalidInputException.invalid(field, "\"" + field + "\" is not a date: '" + value
          + "'. Write it as YYYY-MM-DD, such as 2026-12-01.");
    }
  }
}
