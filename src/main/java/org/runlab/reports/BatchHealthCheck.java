package org.runlab.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the nightly jobs: down when the batch runtime is not on Runlab's own database. */
@Readiness
@ApplicationScoped
public class BatchHealthCheck implements HealthCheck {
  @Inject BatchRuntimeCheck check;

  @Override
  public HealthCheckResponse call() {
    var r = HealthCheckResponse.named("batch");
    if (check.problem().isPresent()) {
      return r.down().withData("problem", check.problem().get()).build();
    }
    return r.up().withData("repository", check.passed() ? "Runlab's database" : "not checked yet").build();
  }
}
