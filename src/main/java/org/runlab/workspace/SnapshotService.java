package org.runlab.workspace;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.runlab.platform.AppConfig;

/** Saves, lists and restores a learner's snapshots of one lesson; each call is one transaction. */
@Stateless
public class SnapshotService {
  @PersistenceContext private EntityManager em;

  @Inject private AppConfig config;
  private int historyLimit;

  @PostConstruct
  void init() {
    historyLimit = WorkspaceSettings.from(config.get()).historyLimit();
  }

  /** The learner's newest snapshot of the lesson. */
  public Optional<Snapshot> latest(UUID owner, String lesson) {
    return em.createNamedQuery("Snapshot.history", Snapshot.class)
        .setParameter("owner", owner)
        .setParameter("lesson", lesson)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** The learner's snapshots of the lesson, newest first. */
  public List<Snapshot> history(UUID owner, String lesson) {
    return em.createNamedQuery("Snapshot.history", Snapshot.class)
        .setParameter("owner", owner)
        .setParameter("lesson", lesson)
        .setMaxResults(HistoryRules.keep(historyLimit))
        .getResultList();
  }

  /** One snapshot, only when it belongs to this learner and lesson. */
  public Optional<Snapshot> find(UUID owner, String lesson, long id) {
    Snapshot s = em.find(Snapshot.class, id);
    if (s == null || !s.getOwnerId().equals(owner) || !s.getLessonSlug().equals(lesson)) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /**
   * Saves the files as a new snapshot, unless it is an auto or run save identical to the newest
   * one (which is then returned), and trims the history to its limit.
   */
  public Snapshot save(UUID owner, String lesson, Workspace work, SnapshotReason reason) {
    Optional<Snapshot> latest = latest(owner, lesson);
    if (HistoryRules.isRedundant(latest.map(Snapshot::workspace), work, reason)) {
      return latest.get();
    }
    Snapshot s = new Snapshot(owner, lesson, work, reason, OffsetDateTime.now(ZoneOffset.UTC));
    em.persist(s);
    em.flush();
    trim(owner, lesson);
    return s;
  }

  /** Brings an older snapshot back as the newest one. */
  public Optional<Snapshot> restore(UUID owner, String lesson, long id) {
    return find(owner, lesson, id).map(old -> save(owner, lesson, old.workspace(), SnapshotReason.RESTORE));
  }

  /**
   * Adopts work done before signing up as the first snapshot; empty when the learner already has
   * snapshots of this lesson (their saved work wins).
   */
  public Optional<Snapshot> adopt(UUID owner, String lesson, Workspace work) {
    if (latest(owner, lesson).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(save(owner, lesson, work, SnapshotReason.ADOPT));
  }

  private void trim(UUID owner, String lesson) {
    List<Long> cutoff = em.createQuery(
            "SELECT s.id FROM Snapshot s WHERE s.ownerId = :owner AND s.lessonSlug = :lesson ORDER BY s.id DESC",
            Long.class)
        .setParameter("owner", owner)
        .setParameter("lesson", lesson)
        .setFirstResult(HistoryRules.keep(historyLimit) - 1)
        .setMaxResults(1)
        .getResultList();
    if (!cutoff.isEmpty()) {
      em.createNamedQuery("Snapshot.deleteOlder")
          .setParameter("owner", owner)
          .setParameter("lesson", lesson)
          .setParameter("keepFrom", cutoff.get(0))
          .executeUpdate();
    }
  }
}
