package org.runlab.engine.e2b;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/**
 * MicroProfile Fault Tolerance around each call to E2B (container only): a bulkhead, a deadline,
 * one retry of a failed call and a circuit breaker that gives a failing service a rest. A failure
 * is thrown, for these to count; where a run goes instead is the run pipeline's one failover
 * policy, not this class's.
 */
@ApplicationScoped
public class E2bGuard {
  @Inject E2bProducer e2b;

  @Bulkhead(15)
  @Timeout(value = 150, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 500, retryOn = E2bException.class, abortOn = E2bUnavailableException.class)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
      failOn = E2bException.class, skipOn = E2bUnavailableException.class)
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) throws InterruptedException {
    return e2b.engine().runRemote(spec, sink, cancellation);
  }
}
