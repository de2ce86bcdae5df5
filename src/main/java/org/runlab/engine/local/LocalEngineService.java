package org.runlab.engine.local;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.platform.AppConfig;

/**
 * The application's local engine: a {@link LocalEngine} built from {@code runlab.local.*}
 * configuration when the application starts (so its warm pool fills before the first run) and
 * closed when it stops.
 */
@ApplicationScoped
public class LocalEngineService implements Engine {
  private static final Logger LOG = Logger.getLogger(LocalEngineService.class.getName());
  @Inject private AppConfig config;
  private volatile LocalEngine engine;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    engine();
  }

  /** The engine, started on first use. */
  public synchronized LocalEngine engine() {
    if (engine == null) {
      engine = LocalEngine.start(LocalEngineSettings.from(config.get()));
      Availability a = engine.availability();
      LOG.info("Local sandbox engine: " + (a.available() ? "available" : "UNAVAILABLE: " + a.reason())
          + engine.cgroupVersion().map(v -> " (cgroup " + v + ")").orElse(""));
    }
    return engine;
  }

  @Override
  public EngineId id() {
    return EngineId.LOCAL;
  }

  @Override
  public Availability availability() {
    return engine().availability();
  }

  /** Whether a wheelhouse is configured, so requirements install here. */
  @Override
  public boolean installsRequirements() {
    return engine().installsRequirements();
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    return engine().run(spec, sink, cancellation);
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation, ProgramInput input) {
    return engine().run(spec, sink, cancellation, input);
  }

  @PreDestroy
  synchronized void stop() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
