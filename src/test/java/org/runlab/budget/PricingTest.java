package org.runlab.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.runlab.engine.EngineId;
import org.runlab.platform.TestConfig;

/** The one pricing model: E2B sandboxes by size and second, local runs by CPU time; exact sums. */
class PricingTest {
  private static final Pricing PRICING = Pricing.from(TestConfig.defaults());

  @Test
  void codeInterpreterSandboxCostsThirtySevenMicroDollarsPerSecond() {
    assertThat(PRICING.e2bPerSecond(2, 2048)).isEqualByComparingTo("0.000037");
    assertThat(PRICING.e2bSeconds(3600, 2, 2048)).isEqualByComparingTo("0.1332");
  }

  @Test
  void billingPageWorkedExampleEightVcpuFourGibIs0468PerHour() {
    assertThat(PRICING.e2bSeconds(3600, 8, 4096)).isEqualByComparingTo("0.468");
  }

  @Test
  void leaseCostsAreExactNotRoundedToTheMicroDollar() {
    // 2 x 0.000014 + 0.5 x 0.0000045 = 0.00003025
    assertThat(PRICING.e2bSeconds(1, 2, 512)).isEqualByComparingTo("0.00003025");
    assertThat(PRICING.e2bSeconds(3, 2, 512)).isEqualByComparingTo("0.00009075");
    // 1000 MiB = 0.9765625 GiB; 1 vCPU; 7 s: (0.000014 + 0.00000439453125) x 7
    assertThat(PRICING.e2bSeconds(7, 1, 1000)).isEqualByComparingTo("0.00012876171875");
  }

  @Test
  void aLeaseOfAPoolSandboxAndItsIdlePart() {
    assertThat(PRICING.e2bSeconds(400, 2, 2048)).isEqualByComparingTo("0.0148");
    assertThat(PRICING.e2bSeconds(100, 2, 2048)).isEqualByComparingTo("0.0037");
  }

  @Test
  void tenThousandLocalRunsOfFiveMillisecondsCostTheirFullPrice() {
    BigDecimal one = PRICING.run(EngineId.LOCAL, 5, 7, 0, 0);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 10_000; i++) {
      sum = sum.add(PRICING.run(EngineId.LOCAL, 5, 7, 0, 0));
    }

    // 5 ms of CPU at 0.00002 USD a second is 1e-7 USD; six decimals would have stored 0
    assertThat(one).isEqualByComparingTo("0.0000001");
    assertThat(sum).isEqualByComparingTo("0.001");
  }

  @Test
  void anE2bRunIsChargedItsShareOfTheSandboxByWallTime() {
    assertThat(PRICING.run(EngineId.E2B, 0, 1500, 2, 2048)).isEqualByComparingTo("0.0000555");
    assertThat(PRICING.run(EngineId.BROWSER, 100, 100, 0, 0)).isZero();
  }

  @Test
  void overBudgetACapBuysWholeSeconds() {
    assertThat(PRICING.e2bSecondsFor(new BigDecimal("0.001"), 2, 2048)).isEqualTo(27);
  }

  @Test
  void amountsAreRoundedOnlyForDisplay() {
    assertThat(Pricing.forDisplay(new BigDecimal("12.345"))).isEqualByComparingTo("12.35");
    assertThat(Pricing.forDisplay(new BigDecimal("0.0000001")).toPlainString()).isEqualTo("0.0000001");
  }
}
