package org.runlab.engine.e2b;

import org.runlab.account.Tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.fake.FakeE2b;

/**
 * The fallback to the local engine. The MicroProfile annotations themselves only act inside the
 * container; this checks what the fallback handler does with each failure they hand it, and that
 * the failures a breaker counts really come out of the engine.
 */
class E2bFallbackTest {
  private static final RunSpec SPEC =
      new RunSpec(List.of(new ProjectFile("main.py", "print(1)")), "main.py", "", Limits.defaults(), "ana");

  private final Engine local = new Engine() {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public Availability availability() {
      return Availability.up();
    }

    @Override
    public RunResult run(RunSpec spec, OutputSink sink, Cancellation c) {
      return new RunResult("local", Verdict.OK, 0, "1\n", false, "", false, 5, 5, 0, List.of(), List.of("local note"));
    }
  };

  @Test
  void openBreakerSendsTheRunToTheLocalEngineAndSaysWhy() {
    RunResult r = LocalFallback.run(local, SPEC, OutputSink.NONE, new Cancellation(), new CircuitBreakerOpenException());

    assertThat(r.engine()).isEqualTo("local");
    assertThat(r.stdout()).isEqualTo("1\n");
    assertThat(r.notices()).containsExactly(
        "Your program ran on Runlab's own server because the cloud sandbox service has been failing,"
            + " so Runlab is giving it a rest.",
        "local note");
  }

  @Test
  void switchedOffEngineExplainsItself() {
    String why = LocalFallback.reason(new E2bUnavailableException("E2B is not configured (no runlab.e2b.api-key)"));

    assertThat(why).contains("switched off").contains("not configured");
  }

  @Test
  void capacityAndTimeoutsHaveTheirOwnWords() {
    assertThat(LocalFallback.reason(new E2bException(E2bException.Kind.RATE_LIMITED, 429, "x"))).contains("at capacity");
    assertThat(LocalFallback.reason(new TimeoutException())).contains("did not answer in time");
  }

  @Test
  void failuresBeforeAnyOutputAreThrownForTheBreakerToCount() throws Exception {
    try (FakeE2b fake = FakeE2b.start()) {
      fake.faults.createServerErrors.set(100);
      E2bSettings s = E2bTestSupport.settings(fake, Map.of());
      E2bClient client = E2bTestSupport.client(s);
      E2bSessionPool pool = new E2bSessionPool(client, s, java.time.Instant::now, LeaseRecorder.NONE);
      E2bEngine engine = new E2bEngine(s, client, pool, LeaseRecorder.NONE, o -> Tier.FREE, m -> {});

      Throwable thrown = null;
      try {
        engine.runRemote(SPEC, OutputSink.NONE, new Cancellation());
      } catch (E2bException e) {
        thrown = e;
      }

      assertThat(thrown).isInstanceOf(E2bException.class);
      assertThat(LocalFallback.run(local, SPEC, OutputSink.NONE, new Cancellation(), thrown).notices().get(0))
          .contains("the cloud sandbox failed");
      assertThat(fake.liveSandboxIds()).isEmpty();
    }
  }

}
