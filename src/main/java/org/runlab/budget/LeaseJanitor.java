package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.e2b.E2bSettings;
import org.runlab.engine.e2b.LeaseCost;

/**
 * Closes leases left open when Runlab stopped without recording their end (a crash, a kill -9):
 * once a lease is older than the longest any sandbox can live (its maximum lifetime plus the TTL
 * E2B would still give it), it is billed up to that point, so month-to-date spend never forgets
 * a sandbox and never counts one forever.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class LeaseJanitor {
  private static final Logger LOG = Logger.getLogger(LeaseJanitor.class.getName());

  @PersistenceContext private EntityManager em;
  @Inject private E2bProducer e2b;

  @PostConstruct
  void atStart() {
    closeStaleLeases();
  }

  @Schedule(minute = "*/10", hour = "*", persistent = false)
  public void closeStaleLeases() {
    E2bSettings s = e2b.settings();
    Duration longest = s.maxLifetime().plus(s.sandboxTimeout());
    OffsetDateTime cutoff = OffsetDateTime.now().minus(longest);
    List<SandboxLease> stale = em.createQuery(
            "SELECT l FROM SandboxLease l WHERE l.endedAt IS NULL AND l.createdAt < :cutoff", SandboxLease.class)
        .setParameter("cutoff", cutoff)
        .getResultList();
    for (SandboxLease lease : stale) {
      OffsetDateTime end = lease.getCreatedAt().plus(longest);
      long seconds = LeaseCost.billedSeconds(lease.getCreatedAt().toInstant(), end.toInstant());
      BigDecimal cost = LeaseCost.of(seconds, lease.getVcpus(), lease.getMemoryMb(),
          s.priceVcpuSecond(), s.priceGibSecond());
      lease.closeUnrecorded(end, seconds, cost);
      LOG.warning("Closed lease " + lease.getId() + " of sandbox " + lease.getSandboxId()
          + " left open by an earlier run of Runlab: billed " + seconds + " s, $" + cost);
    }
  }
}
