package org.runlab.engine.e2b;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/**
 * The E2B engine as the application should use it (container only, not unit-tested): MicroProfile
 * Fault Tolerance around each run, falling back to the {@link FallbackEngine} while E2B is off,
 * its breaker is open, it times out or it fails before the learner saw any output.
 */
@ApplicationScoped
@Typed(GuardedE2bEngine.class)
public class GuardedE2bEngine implements Engine {
  @Inject E2bProducer e2b;

  @Override
  public String name() {
    return E2bEngine.NAME;
  }

  @Override
  public Availability availability() {
    return e2b.engine().availability();
  }

  @Override
  @Bulkhead(15)
  @Timeout(value = 150, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 500, retryOn = E2bException.class, abortOn = E2bUnavailableException.class)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
      failOn = E2bException.class, skipOn = E2bUnavailableException.class)
  @Fallback(E2bFallbackHandler.class)
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    Availability a = e2b.engine().availability();
    if (!a.available()) {
      throw new E2bUnavailableException(a.reason());
    }
    try {
      return e2b.engine().runRemote(spec, sink, cancellation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunResult.engineError(E2bEngine.NAME, "interrupted");
    }
  }
}
