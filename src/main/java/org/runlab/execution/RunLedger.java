package org.runlab.execution;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.runlab.engine.Verdict;

/**
 * The usage ledger: every run is recorded when admitted and completed when it ends, each write in
 * its own transaction so a failing run, engine or caller never loses the record.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunLedger {
  private static final Logger LOG = Logger.getLogger(RunLedger.class.getName());
  @PersistenceContext private EntityManager em;

  public void open(RunRecord record) {
    em.persist(record);
  }

  /** Writes these records in one transaction. */
  public void openAll(List<RunRecord> records) {
    records.forEach(em::persist);
  }

  /** Writes these runs' ends in one transaction; a run without a record is logged, not an error. */
  public void finishedAll(List<LedgerWriter.End> ends) {
    for (LedgerWriter.End e : ends) {
      finished(e.id(), e.outcome(), e.startedAt());
    }
  }

  public void finished(UUID id, RunOutcome outcome) {
    finished(id, outcome, null);
  }

  /** Records how a run ended; {@code startedAt} is when an engine took it, if one did. */
  public void finished(UUID id, RunOutcome outcome, Instant startedAt) {
    RunRecord r = em.find(RunRecord.class, id);
    if (r == null) {
      LOG.severe("No ledger record for run " + id + "; its outcome was " + outcome.verdict());
      return;
    }
    r.finished(outcome, startedAt);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<RunRecord> find(UUID id) {
    return Optional.ofNullable(em.find(RunRecord.class, id));
  }

  /**
   * This identity's newest runs of a lesson (any lesson when {@code lessonSlug} is null), created
   * at or after {@code since} (null: any time), at most {@code limit}.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<RunRecord> history(String ownerKey, String lessonSlug, java.time.OffsetDateTime since, int limit) {
    var q = em.createQuery(
            "SELECT r FROM RunRecord r WHERE r.ownerKey = :owner"
                + (lessonSlug == null ? "" : " AND r.lessonSlug = :lesson")
                + (since == null ? "" : " AND r.createdAt >= :since")
                + " ORDER BY r.createdAt DESC",
            RunRecord.class)
        .setParameter("owner", ownerKey)
        .setMaxResults(limit);
    if (lessonSlug != null) {
      q.setParameter("lesson", lessonSlug);
    }
    if (since != null) {
      q.setParameter("since", since);
    }
    return q.getResultList();
  }

  /** How often this identity's browser runs of this lesson hit the browser's time limit. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public int browserTimeouts(String ownerKey, String lessonSlug) {
    if (lessonSlug == null) {
      return 0;
    }
    return em.createQuery(
            "SELECT COUNT(r) FROM RunRecord r WHERE r.ownerKey = :owner AND r.lessonSlug = :lesson"
                + " AND r.engine = 'browser' AND r.verdict = :verdict",
            Long.class)
        .setParameter("owner", ownerKey)
        .setParameter("lesson", lessonSlug)
        .setParameter("verdict", Verdict.TIME_LIMIT)
        .getSingleResult()
        .intValue();
  }
}
