package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.fake.FakeE2b;

/**
 * Why a run could not go to E2B, in the learner's words. The MicroProfile annotations themselves
 * only act inside the container; this checks the words for each failure they hand on, and that
 * the failures a breaker counts really come out of the engine.
 */
class E2bFailuresTest {
  private static final RunSpec SPEC =
      new RunSpec(List.of(new ProjectFile("main.py", "print(1)")), "main.py", "", Limits.defaults(), "ana");

  @Test
  void anOpenBreakerSaysRunlabIsGivingTheServiceARest() {
    RunResult r = RunResult.engineError(EngineId.E2B, E2bFailures.why(new CircuitBreakerOpenException()));

    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(r.mayRunElsewhere()).isTrue();
    assertThat(r.failure()).isEqualTo("the cloud sandbox service has been failing, so Runlab is giving it a rest");
  }

  @Test
  void switchedOffEngineSaysSoWithoutTheOperatorsReason() {
    String why = E2bFailures.why(new E2bUnavailableException("E2B is not configured (no runlab.e2b.api-key)"));

    assertThat(why).contains("switched off").doesNotContain("runlab.", "configured", "E2B");
  }

  @Test
  void capacityAndTimeoutsHaveTheirOwnWords() {
    assertThat(E2bFailures.why(new E2bException(E2bException.Kind.RATE_LIMITED, 429, "x"))).contains("at capacity");
    assertThat(E2bFailures.why(new TimeoutException())).contains("did not answer in time");
  }

  @Test
  void failuresBeforeAnyOutputAreThrownForTheBreakerToCount() throws Exception {
    try (FakeE2b fake = FakeE2b.start()) {
      fake.faults.createServerErrors.set(100);
      E2bSettings s = E2bTestSupport.settings(fake, Map.of());
      E2bClient client = E2bTestSupport.client(s);
      E2bSessionPool pool = new E2bSessionPool(client, s, java.time.Instant::now, LeaseRecorder.NONE);
      E2bEngine engine = new E2bEngine(s, client, pool, LeaseRecorder.NONE, m -> {});

      Throwable thrown = null;
      try {
        engine.runRemote(SPEC, OutputSink.NONE, new Cancellation());
      } catch (E2bException e) {
        thrown = e;
      }

      assertThat(thrown).isInstanceOf(E2bException.class);
      assertThat(E2bFailures.why(thrown)).contains("the cloud sandbox failed");
      assertThat(fake.liveSandboxIds()).isEmpty();
    }
  }
}
