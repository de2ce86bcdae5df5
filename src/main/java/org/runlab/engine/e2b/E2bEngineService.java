package org.runlab.engine.e2b;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/**
 * The application's E2B engine: each run goes through the {@link E2bGuard}; a failure before the
 * learner saw anything comes back as an engine error that says why, so the pipeline may send the
 * run elsewhere within the learner's rights.
 */
@ApplicationScoped
public class E2bEngineService implements Engine {
  @Inject E2bProducer e2b;
  @Inject E2bGuard guard;

  @Override
  public EngineId id() {
    return EngineId.E2B;
  }

  @Override
  public Availability availability() {
    return e2b.engine().availability();
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    try {
      return guard.run(spec, sink, cancellation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunResult.engineError(EngineId.E2B, "Runlab was stopping");
    } catch (RuntimeException e) {
      return RunResult.engineError(EngineId.E2B, E2bFailures.why(e));
    }
  }

  /** The size E2B bills this installation's sandboxes at, for estimates before a run. */
  public SandboxSize sandboxSize() {
    return e2b.pool().sandboxSize();
  }
}
