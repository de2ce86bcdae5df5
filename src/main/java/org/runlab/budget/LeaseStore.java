package org.runlab.budget;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.runlab.engine.e2b.Lease;

/** Writes sandbox leases, each change in its own transaction so no lease is lost. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LeaseStore {
  @PersistenceContext private EntityManager em;

  public void save(Lease lease) {
    SandboxLease row = em.find(SandboxLease.class, lease.id());
    if (row == null) {
      em.persist(SandboxLease.of(lease));
    } else {
      row.update(lease);
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<SandboxLease> find(UUID id) {
    return Optional.ofNullable(em.find(SandboxLease.class, id));
  }
}
