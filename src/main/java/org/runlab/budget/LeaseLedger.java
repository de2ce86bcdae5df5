package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.engine.e2b.Lease;
import org.runlab.engine.e2b.LeaseRecorder;
import org.runlab.platform.AppConfig;

/**
 * Stores the E2B pool's leases as {@link SandboxLease} rows priced by the one {@link Pricing}.
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



  private void save(Lease lease) {
    try {
      store.save(lease, pricing);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not store lease " + lease.id() + " of sandbox " + lease.sandboxId(), e);
    }
  }
}
