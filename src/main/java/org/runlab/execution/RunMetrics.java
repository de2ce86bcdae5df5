package org.runlab.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Runs by engine, tier and verdict; run duration; queue depth; decisions by reason. */
@ApplicationScoped
public class RunMetrics {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  private MetricRegistry registry;

  /*
   * The registry's lookup by name and tags builds and checks a metric id each time; every run asks
   * for the same few metrics, so they are looked up once per tag combination and kept.
   */
  private final Map<String, Counter> runs = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

  void finished(String engine, String tier, String verdict, long wallTimeMs) {
    runs.computeIfAbsent(engine + '|' + tier + '|' + verdict, k -> registry.counter("runlab_runs",
        new Tag("engine", engine), new Tag("tier", tier), new Tag("verdict", verdict))).inc();
    durations.computeIfAbsent(engine, k -> registry.timer("runlab_run_duration", new Tag("engine", engine)))
        .update(Duration.ofMillis(wallTimeMs));
  }

  void decided(String engine, String reasonCode) {
    decisions.computeIfAbsent(engine + '|' + reasonCode, k -> registry.counter("runlab_decisions",
        new Tag("engine", engine), new Tag("reason", reasonCode))).inc();
  }

  void queue(String engine, Supplier<Integer> depth) {
    registry.gauge("runlab_queue_depth", depth, new Tag("engine", engine));
  }
}
