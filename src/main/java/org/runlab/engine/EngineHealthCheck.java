package org.runlab.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether server engines can take runs. Runlab stays ready when one is down (runs go to
 * the browser or another engine), so this check is UP with each engine's state in its data, and
 * DOWN only when no server engine is available at all.
 */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {
  @Inject private EngineRegistry engines;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("engines");
    boolean any = false;
    for (Engine e : engines.serverEngines()) {
      Availability a = e.availability();
      any |= a.available();
      b.withData(e.id().id(), a.available() ? "available" : "unavailable: " + a.reason());
    }
    return b.status(any).build();
  }
}
