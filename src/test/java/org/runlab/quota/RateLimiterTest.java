package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;

class RateLimiterTest {
  private final RateLimiter limiter = new RateLimiter(new LocalBucketStore(), Clock.systemUTC());

  @Test
  void admitsExactlyTheHourlyLimitOf200SimultaneousRequests() throws Exception {
    List<RateLimit> learner = List.of(new RateLimit("user:1", 30, 150));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(pool.submit(() -> {
        go.await();
        return limiter.tryAcquire(Tier.FREE, learner, 1).allowed();
      }));
    }
    go.countDown();
    int admitted = 0;
    for (Future<Boolean> f : answers) {
      admitted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    assertThat(admitted).isEqualTo(30);
  }

  @Test
  void refusesPastTheHourlyLimitSayingWhichWindowAndWhenItResets() {
    List<RateLimit> learner = List.of(new RateLimit("user:2", 2, 10));
    limiter.tryAcquire(Tier.FREE, learner, 1);
    limiter.tryAcquire(Tier.FREE, learner, 1);

    QuotaDecision third = limiter.tryAcquire(Tier.FREE, learner, 1);

    assertThat(third.allowed()).isFalse();
    assertThat(third.refusedBy()).isEqualTo("hour");
    assertThat(third.retryAfterSeconds()).isBetween(1L, 3600L);
    assertThat(third.window("day").orElseThrow().remaining()).isEqualTo(8);
  }

  @Test
  void refusesPastTheDailyLimitEvenWithHoursLeft() {
    List<RateLimit> learner = List.of(new RateLimit("user:3", 10, 1));
    limiter.tryAcquire(Tier.FREE, learner, 1);

    QuotaDecision second = limiter.tryAcquire(Tier.FREE, learner, 1);

    assertThat(second.refusedBy()).isEqualTo("day");
    assertThat(second.retryAfterSeconds()).isBetween(1L, 86400L);
  }

  @Test
  void visitorsWithRotatingCookiesShareTheirAddresssBudget() {
    int admitted = 0;
    for (int i = 0; i < 20; i++) {
      List<RateLimit> visitor = List.of(new RateLimit("anon:" + i, 10, 30), new RateLimit("addr:10.0.0.1", 10, 30));
      admitted += limiter.tryAcquire(Tier.ANONYMOUS, visitor, 1).allowed() ? 1 : 0;
    }

    assertThat(admitted).isEqualTo(10);
  }

  @Test
  void aRefusalByTheSecondBucketTakesNothingFromTheFirst() {
    RateLimit address = new RateLimit("addr:10.0.0.2", 1, 30);
    limiter.tryAcquire(Tier.ANONYMOUS, List.of(new RateLimit("anon:a", 10, 30), address), 1);

    QuotaDecision refused = limiter.tryAcquire(Tier.ANONYMOUS, List.of(new RateLimit("anon:b", 10, 30), address), 1);

    assertThat(refused.allowed()).isFalse();
    assertThat(limiter.peek(Tier.ANONYMOUS, List.of(new RateLimit("anon:b", 10, 30)), 1)
        .window("hour").orElseThrow().remaining()).isEqualTo(10);
  }

  @Test
  void aRefundGivesTheRunBack() {
    List<RateLimit> learner = List.of(new RateLimit("user:4", 1, 10));
    limiter.tryAcquire(Tier.FREE, learner, 1);
    limiter.refund(learner, 1);

    assertThat(limiter.tryAcquire(Tier.FREE, learner, 1).allowed()).isTrue();
  }

  @Test
  void aNewerRevisionWithAHigherLimitAddsTheDifference() {
    limiter.tryAcquire(Tier.FREE, List.of(new RateLimit("user:5", 1, 10)), 1);

    QuotaDecision after = limiter.tryAcquire(Tier.FREE, List.of(new RateLimit("user:5", 3, 10)), 2);

    assertThat(after.allowed()).isTrue();
    assertThat(after.window("hour").orElseThrow().remaining()).isEqualTo(1);
  }

  @Test
  void aZeroLimitRefusesWithoutABucket() {
    assertThat(limiter.tryAcquire(Tier.ANONYMOUS, List.of(new RateLimit("anon:z", 0, 0)), 1).allowed()).isFalse();
  }

  @Test
  void peekingTakesNothing() {
    List<RateLimit> learner = List.of(new RateLimit("user:6", 5, 10));
    limiter.peek(Tier.FREE, learner, 1);
    limiter.peek(Tier.FREE, learner, 1);

    assertThat(limiter.peek(Tier.FREE, learner, 1).window("hour").orElseThrow().remaining()).isEqualTo(5);
  }

  @Test
  void aRememberedRefusalNeverAdmitsMoreThanTheLimit() {
    List<RateLimit> learner = List.of(new RateLimit("user:7", 2, 10));
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      admitted += limiter.tryAcquire(Tier.FREE, learner, 1).allowed() ? 1 : 0;
    }
    limiter.refund(learner, 1);

    assertThat(admitted).isEqualTo(2);
    assertThat(limiter.tryAcquire(Tier.FREE, learner, 1).allowed()).as("a run given back here is seen at once").isTrue();
    assertThat(limiter.tryAcquire(Tier.FREE, learner, 1).refusedBy()).isEqualTo("hour");
  }
}
