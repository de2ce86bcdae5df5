package org.runlab.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code runlab.run.*} limits on what a request may carry, read once from configuration. */
@ApplicationScoped
public class RunLimitsConfig {
  private RunLimits limits;

  protected RunLimitsConfig() {}

  @Inject
  public RunLimitsConfig(
      @ConfigProperty(name = "runlab.run.max-files", defaultValue = "50") int maxFiles,
      @ConfigProperty(name = "runlab.run.max-bytes", defaultValue = "1048576") long maxBytes,
      @ConfigProperty(name = "runlab.run.max-stdin-bytes", defaultValue = "65536") int maxStdinBytes,
      @ConfigProperty(name = "runlab.run.max-request-bytes", defaultValue = "2097152") int maxRequestBytes) {
    this.limits = new RunLimits(maxFiles, maxBytes, maxStdinBytes, maxRequestBytes);
  }

  public RunLimits limits() {
    return limits;
  }
}
