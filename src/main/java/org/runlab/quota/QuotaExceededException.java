package org.runlab.quota;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.runlab.web.api.Problem;
import org.runlab.web.api.ProblemException;

/** A 429: the learner's hourly or daily server runs are used up; says when they reset and how to get more. */
public class QuotaExceededException extends ProblemException {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public QuotaExceededException(QuotaDecision d) {
    super(problem(d));
  }

  static Problem problem(QuotaDecision d) {
    QuotaWindow w = d.window(d.refusedBy()).orElseThrow();
    String window = "hour".equals(w.name()) ? "this hour's" : "today's";
    String detail = "You have used " + window + " " + w.quota() + " server runs; they start again at "
        + HH_MM.format(d.resetsAt()) + " (in " + minutes(d.retryAfterSeconds()) + "). " + d.howToGetMore();
    Problem p = Problem.of(429, "Server run limit reached", detail)
        .with("limit", w.name())
        .with("quota", w.quota())
        .with("tier", d.tier().name())
        .with("resetsAt", d.resetsAt().toString())
        .with("retryAfterSeconds", d.retryAfterSeconds())
        .with("howToGetMore", d.howToGetMore());
    return d.upgradePath().map(u -> p.with("upgradeUrl", u)).orElse(p);
  }

  private static String minutes(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    long m = (seconds + 59) / 60;
    return m < 120 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
  }
}
