package org.runlab.engine.e2b;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/** Sends a run that could not go to E2B to the local engine, saying why (see {@link LocalFallback}). */
@Dependent
public class E2bFallbackHandler implements FallbackHandler<RunResult> {
  @Inject FallbackEngine local;

  @Override
  public RunResult handle(ExecutionContext context) {
    Object[] p = context.getParameters();
    return LocalFallback.run(local, (RunSpec) p[0], (OutputSink) p[1], (Cancellation) p[2], context.getFailure());
  }
}
