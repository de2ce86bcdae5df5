package org.runlab.execution;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The projects runs ran, for the learner's run history: each distinct project once, written in a
 * transaction of its own so that a failure here never holds up a run or its ledger record.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunCodes {
  @PersistenceContext private EntityManager em;

  /** Stores {@code code} unless a project with its hash is stored already. */
  public void keep(RunCode code) {
    em.createNativeQuery("INSERT INTO run_code (hash, entry, files, created_at) SELECT ?1, ?2, ?3, ?4"
            + " WHERE NOT EXISTS (SELECT 1 FROM run_code WHERE hash = ?5)")
        .setParameter(1, code.hash())
        .setParameter(2, code.entry())
        .setParameter(3, code.filesJson())
        .setParameter(4, java.time.OffsetDateTime.now())
        .setParameter(5, code.hash())
        .executeUpdate();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<RunCode> find(String hash) {
    return hash == null ? Optional.empty() : Optional.ofNullable(em.find(RunCode.class, hash));
  }
}
