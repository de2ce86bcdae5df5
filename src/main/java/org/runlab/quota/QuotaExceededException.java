package org.runlab.quota;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.runlab.platform.errors.RunlabException;

/**
 * The learner's hourly or daily server runs are used up: says when they reset and how to get
 * more, and carries the decision for the RateLimit headers.
 */
public class QuotaExceededException extends RunlabException {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final transient QuotaDecision decision;

  public QuotaExceededException(QuotaDecision d) {
    super("Server run limit reached", detail(d));
    this.decision = d;
    QuotaWindow w = window(d);
    with("limit", w.name());
    with("quota", w.quota());
    with("tier", d.tier().name());
    with("resetsAt", d.resetsAt().toString());
    with("retryAfterSeconds", d.retryAfterSeconds());
    with("howToGetMore", d.howToGetMore());
    d.upgradePath().ifPresent(u -> with("upgradeUrl", u));
  }

  public QuotaDecision decision() {
    return decision;
  }

  private static QuotaWindow window(QuotaDecision d) {
    return d.window(d.refusedBy()).orElseThrow();
  }

  private static String detail(QuotaDecision d) {
    QuotaWindow w = window(d);
    String window = "hour".equals(w.name()) ? "this hour's" : "today's";
    return "You have used " + window + " " + w.quota() + " server runs; they start again at "
        + HH_MM.format(d.resetsAt()) + " (in " + minutes(d.retryAfterSeconds()) + "). " + d.howToGetMore();
  }

  private static String minutes(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    long m = (seconds + 59) / 60;
    return m < 120 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
  }
}
