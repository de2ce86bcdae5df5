package org.runlab.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Whole UTC days, {@code from} to {@code to} inclusive, as the instants [start, end). */
record Period(LocalDate from, LocalDate to) {
  static Period of(String from, String to) {
    return new Period(LocalDate.parse(from), LocalDate.parse(to));
  }

  OffsetDateTime start() {
    return from.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }
}
