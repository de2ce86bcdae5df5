package org.runlab.engine.local;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
    LocalEngineSettings d = LocalEngineSettings.defaults();
    Function<String, java.util.Optional<String>> get = k -> config.getOptionalValue(k, String.class);
    return new LocalEngineSettings(
        get.apply("runlab.local.python").map(Path::of).orElse(d.python()),
        get.apply("runlab.local.bwrap").map(Path::of).orElse(d.bwrap()),
        get.apply("runlab.local.setpriv").map(Path::of).orElse(d.setpriv()),
        get.apply("runlab.local.work-root").map(Path::of).orElse(d.workRoot()),
        get.apply("runlab.local.cgroup-root").map(Path::of).orElse(d.cgroupRoot()),
        get.apply("runlab.local.cgroup-parent").orElse(d.cgroupParent()),
        get.apply("runlab.local.sandbox-uid").map(Integer::parseInt).orElse(d.sandboxUid()),
        get.apply("runlab.local.pool.plain").map(Integer::parseInt).orElse(d.plainPoolSize()),
        get.apply("runlab.local.pool.scientific").map(Integer::parseInt).orElse(d.scientificPoolSize()),
        get.apply("runlab.local.pool.refill-threads").map(Integer::parseInt).orElse(d.refillThreads()),
        get.apply("runlab.local.preload-modules").map(LocalEngineService::list).orElse(d.preloadModules()),
        get.apply("runlab.local.scientific-modules").map(LocalEngineService::list).orElse(d.scientificModules()),
        get.apply("runlab.local.tmp-bytes").map(Long::parseLong).orElse(d.tmpBytes()),
        get.apply("runlab.local.cpu-cores").map(Double::parseDouble).orElse(d.cpuCores()),
        get.apply("runlab.local.open-files").map(Integer::parseInt).orElse(d.openFiles()),
        get.apply("runlab.local.out.max-files").map(Integer::parseInt).orElse(d.maxOutputFiles()),
        get.apply("runlab.local.out.max-file-bytes").map(Long::parseLong).orElse(d.maxOutputFileBytes()),
        get.apply("runlab.local.out.max-total-bytes").map(Long::parseLong).orElse(d.maxOutputTotalBytes()),
        get.apply("runlab.local.start-timeout-seconds").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(d.startTimeout()),
        get.apply("runlab.run.max-files").map(Integer::parseInt).orElse(d.maxFiles()),
        get.apply("runlab.run.max-bytes").map(Long::parseLong).orElse(d.maxBytes()));
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
