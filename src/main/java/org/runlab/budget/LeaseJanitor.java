package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.e2b.E2bSettings;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;

/**
 * Closes leases left open when Runlab stopped without recording their end (a crash, a kill -9):
 * once a lease is older than the longest any sandbox can live (its maximum lifetime plus the TTL
 * E2B would still give it), it is billed up to that point, so month-to-date spend never forgets
 * a sandbox and never counts one forever. At start, then every ten minutes on one member of the
 * cluster.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class LeaseJanitor {
  @Inject private LeaseStore leases;
  @Inject private E2bProducer e2b;
  @Inject private AppConfig config;
  @Inject private Background background;

  @PostConstruct
  void atStart() {
    Pricing pricing = Pricing.from(config.get());
    E2bSettings s = e2b.settings();
    Duration longest = s.maxLifetime().plus(s.sandboxTimeout());
    Runnable close = () -> leases.closeStale(OffsetDateTime.now().minus(longest), longest, pricing);
    close.run();
    background.oncePerCluster("close-stale-leases", Duration.ofMinutes(10), close);
  }
}
