package org.runlab.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.engine.e2b.SandboxSize;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.platform.TestConfig;

class SpendLevelTest {
  private static SpendLevel at(String spent) {
    return SpendLevel.of(new BigDecimal(spent), new BigDecimal("100"), new BigDecimal("120"));
  }

  @Test
  void stagesFollowTheShareOfTheMonthlyBudget() {
    assertThat(at("79.99")).isEqualTo(SpendLevel.NORMAL);
    assertThat(at("80")).isEqualTo(SpendLevel.ALERT);
    assertThat(at("90")).isEqualTo(SpendLevel.RESTRICTED);
    assertThat(at("100")).isEqualTo(SpendLevel.OVER);
    assertThat(at("119.99")).isEqualTo(SpendLevel.OVER);
    assertThat(at("120")).isEqualTo(SpendLevel.HARD_CAP);
  }

  @Test
  void eachLevelTellsSelectionWhatItMayUse() {
    assertThat(SpendLevel.ALERT.selectionStage()).isEqualTo(BudgetStage.NORMAL);
    assertThat(SpendLevel.RESTRICTED.selectionStage()).isEqualTo(BudgetStage.PAID_ONLY);
    assertThat(SpendLevel.OVER.selectionStage()).isEqualTo(BudgetStage.PAID_ONLY);
    assertThat(SpendLevel.HARD_CAP.selectionStage()).isEqualTo(BudgetStage.NO_E2B);
    assertThat(SpendLevel.RESTRICTED.shrinkWarmPool()).isTrue();
    assertThat(SpendLevel.ALERT.shrinkWarmPool()).isFalse();
  }

  @Test
  void overBudgetAPaidE2bRunGetsTheWallTimeItsCostCapBuys() {
    BigDecimal cap = new BigDecimal("0.001");
    Pricing pricing = Pricing.from(TestConfig.defaults());
    // 2 vCPU and 1 GiB: 0.0000325 USD a second
    SandboxSize size = new SandboxSize(2, 1024);

    assertThat(BudgetGuard.e2bWallCap(SpendLevel.OVER, Tier.PAID, cap, pricing, size))
        .contains(java.time.Duration.ofSeconds(30));
    assertThat(BudgetGuard.e2bWallCap(SpendLevel.RESTRICTED, Tier.PAID, cap, pricing, size)).isEmpty();
    assertThat(BudgetGuard.e2bWallCap(SpendLevel.OVER, Tier.FREE, cap, pricing, size)).isEmpty();
  }

  @Test
  void noBudgetMeansNoStagesButTheHardCapStillHolds() {
    assertThat(SpendLevel.of(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO)).isEqualTo(SpendLevel.NORMAL);
    assertThat(SpendLevel.of(new BigDecimal("50"), BigDecimal.ZERO, new BigDecimal("50"))).isEqualTo(SpendLevel.HARD_CAP);
  }
}
