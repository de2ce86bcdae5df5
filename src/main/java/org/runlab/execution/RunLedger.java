package org.runlab.execution;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.runlab.engine.Verdict;
import org.runlab.quota.UsageCounter;

/**
 * The usage ledger: every run is recorded when admitted and completed when it ends, each write in
 * its own transaction so a failing run, engine or caller never loses the record.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunLedger {
  private static final Logger LOG = Logger.getLogger(RunLedger.class.getName());
  @PersistenceContext private EntityManager em;
  @Inject private UsageCounter usageCounter;

  public void open(RunRecord record) {
    em.persist(record);
  }

  /**
   * One group commit: these records, these runs' ends (a run without a record is logged, not an
   * error) and these daily usage counts, in one transaction.
   */
  public void commit(List<RunRecord> opens, List<LedgerWriter.End> ends, List<UsageCounter.Change> usage) {
    opens.forEach(em::persist);
    for (LedgerWriter.End e : ends) {
      finished(e.id(), e.outcome(), e.startedAt());
    }
    if (!usage.isEmpty()) {
      usageCounter.addAll(usage);
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

  /** A server run not finished in the ledger: which, whose, taken by which instance. */
  public record Unfinished(UUID id, String ownerKey, String instance) {}

  /**
   * Says that {@code instance} is alive now, by the database's clock, and forgets the instances
   * silent for a day.
   */
  public void beat(String instance) {
    int updated = em.createNativeQuery("UPDATE instance_beat SET beat_at = CURRENT_TIMESTAMP WHERE instance = ?1")
        .setParameter(1, instance).executeUpdate();
    if (updated == 0) {
      em.createNativeQuery("INSERT INTO instance_beat (instance, beat_at) VALUES (?1, CURRENT_TIMESTAMP)")
          .setParameter(1, instance).executeUpdate();
    }
    em.createNativeQuery("DELETE FROM instance_beat WHERE beat_at < ?1")
        .setParameter(1, now().minusDays(1)).executeUpdate();
  }

  /**
   * The server runs queued or running on an instance that is dead (no beat for {@code deadAfter}
   * by the database's clock, or none at all), or on {@code me} from before {@code myStart} (my
   * previous life under the same name).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Unfinished> orphans(String me, java.time.OffsetDateTime myStart, java.time.Duration deadAfter) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT r.id, r.owner_key, r.instance, r.created_at FROM run_record r"
            + " WHERE r.state IN ('QUEUED', 'RUNNING') AND r.instance IS NOT NULL"
            + " AND (r.instance = ?1 AND r.created_at < ?2 OR r.instance <> ?1 AND NOT EXISTS ("
            + "SELECT 1 FROM instance_beat b WHERE b.instance = r.instance AND b.beat_at >= ?3))")
        .setParameter(1, me).setParameter(2, myStart).setParameter(3, now().minus(deadAfter))
        .getResultList();
    return rows.stream().map(o -> new Unfinished(o[0] instanceof UUID u ? u : UUID.fromString(o[0].toString()),
        (String) o[1], (String) o[2])).toList();
  }

  /** The database's clock (instances' clocks may differ; their beats are compared by this one). */
  private java.time.OffsetDateTime now() {
    Object t = em.createNativeQuery("SELECT CURRENT_TIMESTAMP").getSingleResult();
    if (t instanceof java.time.OffsetDateTime o) {
      return o;
    }
    if (t instanceof java.sql.Timestamp ts) {
      return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    if (t instanceof java.time.Instant i) {
      return i.atOffset(java.time.ZoneOffset.UTC);
    }
    throw new IllegalStateException("Unexpected database time " + t.getClass().getName());
  }

  /**
   * Ends a run whose instance died as ENGINE_ERROR, unless it has ended meanwhile; true when this
   * call ended it (exactly one member does).
   */
  public boolean endOrphan(UUID id, String why) {
    return em.createQuery("UPDATE RunRecord r SET r.state = :finished, r.verdict = :verdict, r.verdictText = :why,"
            + " r.finishedAt = :now WHERE r.id = :id AND r.state IN :states")
        .setParameter("finished", RunState.FINISHED)
        .setParameter("verdict", Verdict.ENGINE_ERROR)
        .setParameter("why", why)
        .setParameter("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
        .setParameter("id", id)
        .setParameter("states", List.of(RunState.QUEUED, RunState.RUNNING))
        .executeUpdate() == 1;
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
