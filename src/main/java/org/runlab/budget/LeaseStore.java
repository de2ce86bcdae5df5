package org.runlab.budget;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.runlab.engine.e2b.Lease;

/** Writes sandbox leases, each change in its own transaction so no lease is lost. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LeaseStore {
  private static final Logger LOG = Logger.getLogger(LeaseStore.class.getName());

  @PersistenceContext private EntityManager em;

  /** Writes {@code lease}; a closed one with its cost and its idle pool part by {@code pricing}. */
  public void save(Lease lease, Pricing pricing) {
    SandboxLease row = em.find(SandboxLease.class, lease.id());
    if (row == null) {
      em.persist(SandboxLease.of(lease, pricing));
    } else {
      row.update(lease, pricing);
    }
  }

  /**
   * Closes the leases still open that were created before {@code cutoff}: their sandbox can no
   * longer be alive, so each is billed for {@code longest}, the most it could have lived.
   */
  public void closeStale(OffsetDateTime cutoff, Duration longest, Pricing pricing) {
    List<SandboxLease> stale = em.createQuery(
            "SELECT l FROM SandboxLease l WHERE l.endedAt IS NULL AND l.createdAt < :cutoff", SandboxLease.class)
        .setParameter("cutoff", cutoff)
        .getResultList();
    for (SandboxLease lease : stale) {
      OffsetDateTime end = lease.getCreatedAt().plus(longest);
      long seconds = Lease.billedSeconds(lease.getCreatedAt().toInstant(), end.toInstant());
      BigDecimal cost = pricing.e2bSeconds(seconds, lease.getVcpus(), lease.getMemoryMb());
      lease.closeUnrecorded(end, seconds, cost);
      LOG.warning("Closed lease " + lease.getId() + " of sandbox " + lease.getSandboxId()
          + " left open by an earlier run of Runlab: billed " + seconds + " s, $" + Pricing.forDisplay(cost));
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<SandboxLease> find(UUID id) {
    return Optional.ofNullable(em.find(SandboxLease.class, id));
  }
}
