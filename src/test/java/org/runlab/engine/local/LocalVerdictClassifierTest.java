package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.runlab.engine.Verdict;
import org.runlab.engine.local.VerdictClassifier.RunFacts;

/** The order that tells the causes of exit 137 apart. */
class LocalVerdictClassifierTest {
  private static final long LIMIT = 10_000_000_000L;

  private static Verdict classify(
      boolean cancelled, boolean wall, boolean output, long oom, int exit, long cpu, String err) {
    return VerdictClassifier.classify(
        new RunFacts(cancelled, wall, output, oom, exit, cpu, LIMIT, err));
  }

  @Test
  void ownFlagsComeFirstEvenWhenTheKernelAlsoKilled() {
    assertThat(classify(true, true, true, 1, 137, LIMIT, "")).isEqualTo(Verdict.CANCELLED);
    assertThat(classify(false, true, true, 1, 137, LIMIT, "")).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(classify(false, false, true, 1, 137, 0, "")).isEqualTo(Verdict.OUTPUT_LIMIT);
  }

  @Test
  void oomKillIsAMemoryLimitBeforeAnyCpuReading() {
    assertThat(classify(false, false, false, 1, 137, LIMIT, "")).isEqualTo(Verdict.MEMORY_LIMIT);
  }

  @Test
  void sigxcpuOrCgroupCpuAtTheLimitIsACpuLimit() {
    assertThat(classify(false, false, false, 0, 152, 0, "")).isEqualTo(Verdict.CPU_LIMIT);
    assertThat(classify(false, false, false, 0, 137, LIMIT, "")).isEqualTo(Verdict.CPU_LIMIT);
  }

  @Test
  void otherSignalDeathsAreRuntimeErrors() {
    assertThat(classify(false, false, false, 0, 139, 5, "")).isEqualTo(Verdict.RUNTIME_ERROR);
  }

  @Test
  void setupFailuresAreEngineErrors() {
    assertThat(classify(false, false, false, 0, 125, 0, "")).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(classify(false, false, false, 0, 1, 0, "bwrap: Can't mount proc"))
        .isEqualTo(Verdict.ENGINE_ERROR);
  }

  @Test
  void plainExitCodesAreOkOrRuntimeError() {
    assertThat(classify(false, false, false, 0, 0, 5, "")).isEqualTo(Verdict.OK);
    assertThat(classify(false, false, false, 0, 1, 5, "Traceback")).isEqualTo(Verdict.RUNTIME_ERROR);
  }
}
