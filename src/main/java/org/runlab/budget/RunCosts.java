package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.UUID;
import org.runlab.engine.EngineId;
import org.runlab.engine.RunResult;
import org.runlab.engine.e2b.SandboxSize;
import org.runlab.platform.AppConfig;

/** What a finished run cost, by the one {@link Pricing}, and the E2B lease it ran on (if any). */
@ApplicationScoped
public class RunCosts {
  @Inject private AppConfig config;
  @Inject private LeaseStore leaseStore;

  private Pricing pricing;

  /** A run's cost and the lease it is charged to (null when none). */
  public record Charge(BigDecimal costUsd, UUID leaseId) {}

  @PostConstruct
  void init() {
    pricing = Pricing.from(config.get());
  }

  /** The cost of a finished run, and the lease it is charged to. */
  public Charge of(RunResult result) {
    UUID lease = result.leaseId();
    if (result.engine() == EngineId.E2B) {
      if (lease == null) {
        return new Charge(BigDecimal.ZERO, null);
      }
      SandboxSize size = leaseStore.find(lease).map(l -> new SandboxSize(l.getVcpus(), l.getMemoryMb()))
          .orElse(SandboxSize.CODE_INTERPRETER);
      return new Charge(pricing.run(EngineId.E2B, 0, result.wallTimeMs(), size.vcpus(), size.memoryMb()), lease);
    }
    return new Charge(pricing.run(result.engine(), result.cpuTimeMs(), result.wallTimeMs(), 0, 0), lease);
  }

  public Pricing pricing() {
    return pricing;
  }
}
