package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Limits;
import org.runlab.engine.Verdict;

class VerdictWordsTest {
  private static final Limits FREE = Limits.defaults();

  @Test
  void aTimeLimitNamesTheWallTimeOfThePlan() {
    assertThat(VerdictWords.of(Verdict.TIME_LIMIT, null, FREE))
        .isEqualTo("Your program was stopped after 10 s, the limit of your plan.");
    assertThat(VerdictWords.of(Verdict.TIME_LIMIT, null, FREE.withWallTime(Duration.ofMillis(2500))))
        .isEqualTo("Your program was stopped after 2.5 s, the limit of your plan.");
  }

  @Test
  void cpuMemoryAndOutputLimitsNameTheirLimits() {
    assertThat(VerdictWords.of(Verdict.CPU_LIMIT, null, FREE)).contains("after 10 s of CPU time, the limit of your plan");
    assertThat(VerdictWords.of(Verdict.MEMORY_LIMIT, null, FREE)).contains("more than 256 MB of memory");
    assertThat(VerdictWords.of(Verdict.OUTPUT_LIMIT, null, FREE)).contains("printed more than 64 KB");
  }

  @Test
  void otherVerdictsKeepTheirPlainWords() {
    assertThat(VerdictWords.of(Verdict.OK, 0, FREE)).isEqualTo("Your program finished.");
    assertThat(VerdictWords.of(Verdict.OK, 3, FREE)).isEqualTo("Your program finished with exit code 3.");
    assertThat(VerdictWords.of(Verdict.TIME_LIMIT, null, null)).isEqualTo("Your program ran longer than the time limit.");
  }
}
