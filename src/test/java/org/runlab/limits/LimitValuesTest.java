package org.runlab.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.platform.TestConfig;

class LimitValuesTest {
  @Test
  void aLearnersOverrideGoesOverTheTiersWhichGoesOverTheConfiguredLimits() {
    LimitValues tier = new LimitValues(50, 200, null, null, null, null, null);
    LimitValues learner = new LimitValues(null, 500, 3, 20, 512, true, 60);

    TierLimits l = TierLimits.from(TestConfig.defaults(), Tier.FREE).with(tier.over(learner));

    assertThat(l.runsPerHour()).isEqualTo(50);
    assertThat(l.runsPerDay()).isEqualTo(500);
    assertThat(l.concurrentRuns()).isEqualTo(3);
    assertThat(l.wallTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(l.cpuTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(l.memoryBytes()).isEqualTo(512L << 20);
    assertThat(l.e2bAllowed()).isTrue();
    assertThat(l.maxQueueWait()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void noOverrideLeavesTheLimitsAsTheyAre() {
    assertThat(TierLimits.from(TestConfig.defaults(), Tier.PAID).with(LimitValues.NONE)).isEqualTo(TierLimits.from(TestConfig.defaults(), Tier.PAID));
  }

  @Test
  void theAuditSaysWhatIsSet() {
    assertThat(new LimitValues(5, null, null, null, null, false, null).describe())
        .isEqualTo("runs-per-hour=5, e2b-allowed=false");
    assertThat(LimitValues.NONE.describe()).isEqualTo("(none)");
  }
}
