package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.web.api.ProblemMappers;

class QuotaDecisionTest {
  private static QuotaDecision decision(Tier tier, boolean allowed, long hourLeft, String refusedBy) {
    return new QuotaDecision(tier, allowed, List.of(new QuotaWindow("hour", 30, hourLeft, 1200, 3600),
        new QuotaWindow("day", 150, 120, 40000, 86400)), refusedBy, Instant.parse("2026-11-26T12:40:00Z"));
  }

  @Test
  void rendersTheIetfRateLimitHeaders() {
    QuotaDecision d = decision(Tier.FREE, true, 3, null);

    assertThat(d.policyHeader()).isEqualTo("\"hour\";q=30;w=3600, \"day\";q=150;w=86400");
    assertThat(d.rateLimitHeader()).isEqualTo("\"hour\";r=3;t=1200, \"day\";r=120;t=40000");
  }

  @Test
  void warnsWhenTwentyPercentOrLessIsLeft() {
    assertThat(decision(Tier.FREE, true, 3, null).warning()).contains("3 server runs left this hour");
    assertThat(decision(Tier.FREE, true, 6, null).warning()).contains("6 server runs left this hour");
    assertThat(decision(Tier.FREE, true, 1, null).warning()).contains("1 server run left this hour");
    assertThat(decision(Tier.FREE, true, 7, null).warning()).isEmpty();
  }

  @Test
  void aRefusalSaysWhenItResetsAndHowToGetMore() {
    QuotaDecision d = decision(Tier.ANONYMOUS, false, 0, "hour");

    var problem = ProblemMappers.problemOf(new QuotaExceededException(d));

    assertThat(d.retryAfterSeconds()).isEqualTo(1200);
    assertThat(problem.status()).isEqualTo(429);
    assertThat(problem.detail()).contains("this hour's 30 server runs", "13:00 UTC", "in 20 min", "Sign up");
    assertThat(problem.extensions()).containsEntry("resetsAt", "2026-11-26T13:00:00Z")
        .containsEntry("upgradeUrl", "/signup.xhtml").containsEntry("retryAfterSeconds", 1200L);
  }

  @Test
  void aFreeLearnerIsToldToUpgrade() {
    assertThat(new QuotaExceededException(decision(Tier.FREE, false, 0, "hour")).detail())
        .contains("Upgrade to the paid plan");
  }
}
