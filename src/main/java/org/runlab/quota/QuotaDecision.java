package org.runlab.quota;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.runlab.account.Tier;

/**
 * What the rate limiter said about one server run (or, for a look-up, about the next one): allowed
 * or not, and the state of every window, rendered as the IETF httpapi RateLimit headers.
 *
 * @param refusedBy the window that is exhausted, or null when allowed
 */
public record QuotaDecision(Tier tier, boolean allowed, List<QuotaWindow> windows, String refusedBy, Instant at) {
  public QuotaDecision {
    windows = List.copyOf(windows);
  }

  /** {@code RateLimit-Policy: "hour";q=30;w=3600, "day";q=150;w=86400} */
  public String policyHeader() {
    return windows.stream()
        .map(w -> "\"" + w.name() + "\";q=" + w.quota() + ";w=" + w.windowSeconds())
        .collect(Collectors.joining(", "));
  }

  /** {@code RateLimit: "hour";r=3;t=1200, "day";r=120;t=40000} */
  public String rateLimitHeader() {
    return windows.stream()
        .map(w -> "\"" + w.name() + "\";r=" + w.remaining() + ";t=" + w.resetSeconds())
        .collect(Collectors.joining(", "));
  }

  /** Seconds until a refused run could be admitted: the reset of the exhausted window. */
  public long retryAfterSeconds() {
    return window(refusedBy).map(w -> Math.max(1, w.resetSeconds())).orElse(0L);
  }

  /** When the exhausted window starts afresh: the next full hour, or the next midnight UTC. */
  public Instant resetsAt() {
    return RateLimiter.DAY.equals(refusedBy) ? RateLimiter.nextDay(at) : RateLimiter.nextHour(at);
  }

  public Optional<QuotaWindow> window(String name) {
    return windows.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** "3 server runs left this hour" when 20% or less of a window remains; empty otherwise. */
  public Optional<String> warning() {
    if (!allowed) {
      return Optional.empty();
    }
    return windows.stream()
        .filter(QuotaWindow::low)
        .min(Comparator.comparingLong(QuotaWindow::remaining))
        .map(w -> w.remaining() + " server run" + (w.remaining() == 1 ? "" : "s") + " left " + w.inWords());
  }

  /** What the learner can do about a refusal: sign up, upgrade, or wait. */
  public String howToGetMore() {
    return switch (tier) {
      case ANONYMOUS -> "Sign up (free) for more server runs, or keep running simple programs in your browser,"
          + " which is always free.";
      case FREE -> "Upgrade to the paid plan for many more server runs, or keep running simple programs in your"
          + " browser, which is always free.";
      case PAID -> "Your plan's server runs are used up for now; programs that can run in your browser still do.";
    };
  }

  /** Why a run that would wait (or waited) too long for a sandbox was refused, and what helps. */
  public static String busy(Tier tier, long maxWaitSeconds, String how) {
    String more = switch (tier) {
      case ANONYMOUS -> " Sign up (free) and your runs go ahead of visitors' runs.";
      case FREE -> " Paid plans have sandboxes kept for them.";
      case PAID -> "";
    };
    return "The server sandboxes are busy: a " + tier.name().toLowerCase(java.util.Locale.ROOT) + " run waits at most "
        + maxWaitSeconds + " s for one, and " + how + ". Nothing ran, and it does not count against your limits;"
        + " try again in a minute." + more;
  }

  /** The upgrade path a page can link to, if there is one for this tier. */
  public Optional<String> upgradePath() {
    return switch (tier) {
      case ANONYMOUS -> Optional.of("/signup.xhtml");
      case FREE -> Optional.of("/upgrade.xhtml");
      case PAID -> Optional.empty();
    };
  }
}
