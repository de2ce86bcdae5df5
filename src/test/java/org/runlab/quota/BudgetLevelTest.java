package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.runlab.engine.selection.BudgetStage;

class BudgetLevelTest {
  private static BudgetLevel at(String spent) {
    return BudgetLevel.of(new BigDecimal(spent), new BigDecimal("100"), new BigDecimal("120"));
  }

  @Test
  void stagesFollowTheShareOfTheMonthlyBudget() {
    assertThat(at("79.99")).isEqualTo(BudgetLevel.NORMAL);
    assertThat(at("80")).isEqualTo(BudgetLevel.ALERT);
    assertThat(at("90")).isEqualTo(BudgetLevel.RESTRICTED);
    assertThat(at("100")).isEqualTo(BudgetLevel.OVER);
    assertThat(at("119.99")).isEqualTo(BudgetLevel.OVER);
    assertThat(at("120")).isEqualTo(BudgetLevel.HARD_CAP);
  }

  @Test
  void eachLevelTellsSelectionWhatItMayUse() {
    assertThat(BudgetLevel.ALERT.selectionStage()).isEqualTo(BudgetStage.NORMAL);
    assertThat(BudgetLevel.RESTRICTED.selectionStage()).isEqualTo(BudgetStage.PAID_ONLY);
    assertThat(BudgetLevel.OVER.selectionStage()).isEqualTo(BudgetStage.PAID_ONLY);
    assertThat(BudgetLevel.HARD_CAP.selectionStage()).isEqualTo(BudgetStage.NO_E2B);
    assertThat(BudgetLevel.RESTRICTED.shrinkWarmPool()).isTrue();
    assertThat(BudgetLevel.ALERT.shrinkWarmPool()).isFalse();
  }

  @Test
  void overBudgetAPaidE2bRunGetsTheWallTimeItsCostCapBuys() {
    BigDecimal cap = new BigDecimal("0.001");
    BigDecimal perSecond = new BigDecimal("0.0000325");

    assertThat(BudgetGuard.e2bWallCap(BudgetLevel.OVER, org.runlab.account.Tier.PAID, cap, perSecond))
        .contains(java.time.Duration.ofSeconds(30));
    assertThat(BudgetGuard.e2bWallCap(BudgetLevel.RESTRICTED, org.runlab.account.Tier.PAID, cap, perSecond)).isEmpty();
    assertThat(BudgetGuard.e2bWallCap(BudgetLevel.OVER, org.runlab.account.Tier.FREE, cap, perSecond)).isEmpty();
  }

  @Test
  void spendingFarAboveTheUsualAndAboveTheFloorIsAnAnomaly() {
    BigDecimal five = new BigDecimal("5");
    BigDecimal floor = new BigDecimal("1.00");

    assertThat(BudgetGuard.anomalous(new BigDecimal("3.00"), new BigDecimal("0.50"), floor, five)).isTrue();
    assertThat(BudgetGuard.anomalous(new BigDecimal("2.00"), new BigDecimal("0.50"), floor, five)).isFalse();
    assertThat(BudgetGuard.anomalous(new BigDecimal("0.90"), BigDecimal.ZERO, floor, five)).as("under the floor").isFalse();
    assertThat(BudgetGuard.anomalous(new BigDecimal("1.00"), BigDecimal.ZERO, floor, five)).as("a first day of spending").isTrue();
  }

  @Test
  void noBudgetMeansNoStagesButTheHardCapStillHolds() {
    assertThat(BudgetLevel.of(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO)).isEqualTo(BudgetLevel.NORMAL);
    assertThat(BudgetLevel.of(new BigDecimal("50"), BigDecimal.ZERO, new BigDecimal("50"))).isEqualTo(BudgetLevel.HARD_CAP);
  }
}
