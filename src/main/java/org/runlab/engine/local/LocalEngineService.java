package org.runlab.engine.local;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.runlab.engine.Availability;

/**
 * The application's {@link LocalEngine}: built from {@code runlab.local.*} configuration when the
 * application starts (so its warm pool fills before the first run) and closed when it stops.
 */
@ApplicationScoped
public class LocalEngineService {
  private static final Logger LOG = Logger.getLogger(LocalEngineService.class.getName());
  private volatile LocalEngine engine;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    engine();
  }

  /** The engine, started on first use. */
  public synchronized LocalEngine engine() {
    if (engine == null) {
      LocalEngineSettings settings = settings(ConfigProvider.getConfig());
      engine = LocalEngine.start(settings);
      Availability a = engine.availability();
      LOG.info("Local sandbox engine: " + (a.available() ? "available" : "UNAVAILABLE: " + a.reason())
          + engine.cgroupVersion().map(v -> " (cgroup " + v + ")").orElse(""));
    }
    return engine;
  }

  @PreDestroy
  synchronized void stop() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  /** The settings from configuration, each key defaulting to {@link LocalEngineSettings#defaults()}. */
  static LocalEngineSettings settings(Config config) {
    return LocalEngineSettings.fromConfig(k -> config.getOptionalValue(k, String.class));
  }
}
