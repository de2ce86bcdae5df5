package org.runlab.engine.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.e2b.FallbackEngine;

/** The local engine as the engine E2B runs fall back to. */
@ApplicationScoped
public class LocalFallbackEngine implements FallbackEngine {
  @Inject private LocalEngineService local;

  @Override
  public String name() {
    return LocalEngine.NAME;
  }

  @Override
  public Availability availability() {
    return local.engine().availability();
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    return local.engine().run(spec, sink, cancellation);
  }
}
