package org.runlab.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Runs by engine, tier and verdict; run duration; queue depth; decisions by reason. */
@ApplicationScoped
public class RunMetrics {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  private MetricRegistry registry;

  void finished(String engine, String tier, String verdict, long wallTimeMs) {
    registry.counter("runlab_runs", new Tag("engine", engine), new Tag("tier", tier), new Tag("verdict", verdict)).inc();
    registry.timer("runlab_run_duration", new Tag("engine", engine)).update(Duration.ofMillis(wallTimeMs));
  }

  void decided(String engine, String reasonCode) {
    registry.counter("runlab_decisions", new Tag("engine", engine), new Tag("reason", reasonCode)).inc();
  }

  void queue(String engine, Supplier<Integer> depth) {
    registry.gauge("runlab_queue_depth", depth, new Tag("engine", engine));
  }
}
