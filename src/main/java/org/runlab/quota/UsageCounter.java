package org.runlab.quota;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;

/**
 * Adds to {@code daily_usage}, each change in its own transaction: an UPDATE of the day's row, or
 * an INSERT when there is none yet. Two first runs of a day racing make one INSERT fail; the
 * caller ({@link QuotaService}) then tries again and the UPDATE finds the row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class UsageCounter {
  @PersistenceContext private EntityManager em;

  /** One identity's change of one day. */
  public record Change(String identityKey, String tier, LocalDate day, UsageDelta delta) {}

  /** Adds every change in one transaction (all or none): the caller's, when it has one. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void addAll(List<Change> changes) {
    for (Change c : changes) {
      add(c.identityKey(), c.tier(), c.day(), c.delta());
    }
  }

  public void add(String identityKey, String tier, LocalDate day, UsageDelta d) {
    int updated = em.createNativeQuery(
            "UPDATE daily_usage SET server_runs = server_runs + ?1, browser_runs = browser_runs + ?2,"
                + " refused_runs = refused_runs + ?3, refunded_runs = refunded_runs + ?4, cpu_ms = cpu_ms + ?5,"
                + " cost_usd = cost_usd + ?6, tier = ?7 WHERE identity_key = ?8 AND usage_day = ?9")
        .setParameter(1, d.serverRuns()).setParameter(2, d.browserRuns()).setParameter(3, d.refusedRuns())
        .setParameter(4, d.refundedRuns()).setParameter(5, d.cpuMs()).setParameter(6, d.costUsd())
        .setParameter(7, tier).setParameter(8, identityKey).setParameter(9, day)
        .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "INSERT INTO daily_usage (identity_key, usage_day, tier, server_runs, browser_runs, refused_runs,"
                  + " refunded_runs, cpu_ms, cost_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
          .setParameter(1, identityKey).setParameter(2, day).setParameter(3, tier)
          .setParameter(4, d.serverRuns()).setParameter(5, d.browserRuns()).setParameter(6, d.refusedRuns())
          .setParameter(7, d.refundedRuns()).setParameter(8, d.cpuMs()).setParameter(9, d.costUsd())
          .executeUpdate();
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DailyUsage> day(LocalDate day, int max) {
    return em.createQuery("SELECT u FROM DailyUsage u WHERE u.key.day = :day ORDER BY u.serverRuns DESC",
            DailyUsage.class)
        .setParameter("day", day).setMaxResults(max).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DailyUsage find(String identityKey, LocalDate day) {
    return em.find(DailyUsage.class, new DailyUsage.Key(identityKey, day));
  }

  /** One identity's days from {@code from} on, newest first (the primary key's range). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DailyUsage> of(String identityKey, LocalDate from) {
    return em.createQuery("SELECT u FROM DailyUsage u WHERE u.key.identityKey = :k AND u.key.day >= :from"
            + " ORDER BY u.key.day DESC", DailyUsage.class)
        .setParameter("k", identityKey).setParameter("from", from).getResultList();
  }
}
