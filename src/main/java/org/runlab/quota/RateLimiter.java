package org.runlab.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.runlab.account.Tier;

/**
 * Hourly and daily server-run limits as Bucket4j buckets, one bucket per {@link RateLimit} with
 * both windows in it, so one consumption takes a token from both at once. The windows are fixed:
 * the hour resets on the full hour and the day at midnight UTC, which is what the learner is told.
 * A run drawn from several buckets (an address and its visitor) takes from all or from none.
 *
 * <p>A bucket that refused is remembered here for at most {@value #REMEMBER_REFUSAL_MILLIS} ms
 * (never past its reset), so a flood of refused requests costs no call to the cluster. This can
 * only refuse, never admit more than the limit: a run given back on this member forgets the
 * refusal at once, a limit changed anywhere changes the revision (which the refusal is tied to),
 * and only a run given back on another member is seen up to that much later.
 */
public final class RateLimiter {
  static final String HOUR = "hour";
  static final String DAY = "day";

  static final long REMEMBER_REFUSAL_MILLIS = 10_000;

  /** A bucket's last refusal: until when to believe it, and the windows it showed. */
  private record Refusal(long untilMillis, long version, long[] remaining) {}

  private final BucketStore store;
  private final Clock clock;
  private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

  public RateLimiter(BucketStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Takes one server run from every bucket in {@code limits}, or from none. */
  public QuotaDecision tryAcquire(Tier tier, List<RateLimit> limits, long version) {
    Instant now = clock.instant();
    List<long[]> remaining = new ArrayList<>();
    for (int i = 0; i < limits.size(); i++) {
      RateLimit limit = limits.get(i);
      String refusedBy = limit.perHour() <= 0 ? HOUR : limit.perDay() <= 0 ? DAY : null;
      Refusal known = refusedBy == null ? refusals.get(limit.key()) : null;
      if (known != null && known.version() == version && now.toEpochMilli() < known.untilMillis()) {
        refusedBy = known.remaining()[0] < 1 ? HOUR : DAY;
        remaining.add(known.remaining().clone());
      } else if (refusedBy == null) {
        VerboseResult<ConsumptionProbe> r = bucket(limit, version, now).asVerbose().tryConsumeAndReturnRemaining(1);
        long[] perWindow = r.getDiagnostics().getAvailableTokensPerEachBandwidth();
        if (r.getValue().isConsumed()) {
          remaining.add(perWindow);
          continue;
        }
        refusedBy = perWindow[0] < 1 ? HOUR : DAY;
        remaining.add(perWindow);
        Instant reset = HOUR.equals(refusedBy) ? nextHour(now) : nextDay(now);
        refusals.put(limit.key(), new Refusal(Math.min(now.toEpochMilli() + REMEMBER_REFUSAL_MILLIS,
            reset.toEpochMilli()), version, perWindow.clone()));
      } else {
        remaining.add(new long[] {0, 0});
      }
      for (int j = 0; j < i; j++) {
        give(limits.get(j), version, now);
        remaining.get(j)[0]++;
        remaining.get(j)[1]++;
      }
      return decision(tier, false, limits, remaining, refusedBy, now);
    }
    return decision(tier, true, limits, remaining, null, now);
  }

  /** Gives back a run taken by {@link #tryAcquire} (the engine refused it or broke down). */
  public void refund(List<RateLimit> limits, long version) {
    Instant now = clock.instant();
    limits.stream().filter(l -> l.perHour() > 0 && l.perDay() > 0).forEach(l -> give(l, version, now));
  }

  /** The windows as they stand, without taking anything. */
  public QuotaDecision peek(Tier tier, List<RateLimit> limits, long version) {
    Instant now = clock.instant();
    List<long[]> remaining = new ArrayList<>();
    for (RateLimit limit : limits) {
      if (limit.perHour() <= 0 || limit.perDay() <= 0) {
        remaining.add(new long[] {0, 0});
      } else {
        remaining.add(bucket(limit, version, now).asVerbose().getAvailableTokens()
            .getDiagnostics().getAvailableTokensPerEachBandwidth());
      }
    }
    boolean exhausted = remaining.stream().anyMatch(r -> r[0] < 1 || r[1] < 1);
    String by = null;
    if (exhausted) {
      by = remaining.stream().anyMatch(r -> r[0] < 1) ? HOUR : DAY;
    }
    return decision(tier, !exhausted, limits, remaining, by, now);
  }

  /** Fills a bucket's hourly and daily windows again (an operator reset a learner's quota). */
  public void reset(RateLimit limit, long version) {
    refusals.remove(limit.key());
    bucket(limit, version, clock.instant()).reset();
  }

  private void give(RateLimit limit, long version, Instant now) {
    refusals.remove(limit.key());
    bucket(limit, version, now).addTokens(1);
  }

  private Bucket bucket(RateLimit limit, long version, Instant now) {
    return store.bucket(limit.key(), version, () -> configuration(limit, now));
  }

  static BucketConfiguration configuration(RateLimit limit, Instant now) {
    return BucketConfiguration.builder()
        .addLimit(b -> b.capacity(limit.perHour())
            .refillIntervallyAligned(limit.perHour(), Duration.ofHours(1), nextHour(now)).id(HOUR))
        .addLimit(b -> b.capacity(limit.perDay())
            .refillIntervallyAligned(limit.perDay(), Duration.ofDays(1), nextDay(now)).id(DAY))
        .build();
  }

  static Instant nextHour(Instant now) {
    return now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
  }

  static Instant nextDay(Instant now) {
    return now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
  }

  private static long secondsUntil(Instant now, Instant then) {
    return (Duration.between(now, then).toMillis() + 999) / 1000;
  }

  private static QuotaDecision decision(Tier tier, boolean allowed, List<RateLimit> limits, List<long[]> remaining,
      String refusedBy, Instant now) {
    long hourLeft = Long.MAX_VALUE;
    long dayLeft = Long.MAX_VALUE;
    int hourQuota = Integer.MAX_VALUE;
    int dayQuota = Integer.MAX_VALUE;
    for (int i = 0; i < limits.size(); i++) {
      long[] r = i < remaining.size() ? remaining.get(i) : new long[] {limits.get(i).perHour(), limits.get(i).perDay()};
      hourLeft = Math.min(hourLeft, r[0]);
      dayLeft = Math.min(dayLeft, r[1]);
      hourQuota = Math.min(hourQuota, limits.get(i).perHour());
      dayQuota = Math.min(dayQuota, limits.get(i).perDay());
    }
    List<QuotaWindow> windows = List.of(
        new QuotaWindow(HOUR, hourQuota, hourLeft, secondsUntil(now, nextHour(now)), 3600),
        new QuotaWindow(DAY, dayQuota, dayLeft, secondsUntil(now, nextDay(now)), 86400));
    return new QuotaDecision(tier, allowed, windows, refusedBy, now);
  }
}
