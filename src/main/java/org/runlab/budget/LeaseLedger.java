package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.e2b.Lease;
import org.runlab.engine.e2b.LeaseRecorder;
import org.runlab.platform.AppConfig;

/**
 * Stores the E2B pool's leases as {@link SandboxLease} rows priced by the one {@link Pricing}, and
 * remembers which lease each run used so the run's ledger record can point at it.
 */
@ApplicationScoped
public class LeaseLedger implements LeaseRecorder {
  private static final Logger LOG = Logger.getLogger(LeaseLedger.class.getName());

  @Inject private LeaseStore store;
  @Inject private AppConfig config;

  private Pricing pricing;

  @PostConstruct
  void init() {
    pricing = Pricing.from(config.get());
  }

  private final Map<RunSpec, UUID> leaseOfRun = Collections.synchronizedMap(new IdentityHashMap<>());

  @Override
  public void opened(Lease lease) {
    save(lease);
  }

  @Override
  public void claimed(Lease lease) {
    save(lease);
  }

  @Override
  public void closed(Lease lease) {
    save(lease);
  }

  @Override
  public void ran(UUID leaseId, RunSpec spec, RunResult result) {
    leaseOfRun.put(spec, leaseId);
  }

  /** The lease the run of {@code spec} used, forgotten once asked for. */
  public Optional<UUID> takeLeaseOf(RunSpec spec) {
    return Optional.ofNullable(leaseOfRun.remove(spec));
  }

  private void save(Lease lease) {
    try {
      store.save(lease, pricing);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not store lease " + lease.id() + " of sandbox " + lease.sandboxId(), e);
    }
  }
}
