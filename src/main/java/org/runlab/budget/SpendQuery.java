package org.runlab.budget;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.runlab.engine.e2b.Lease;

/**
 * Spending from the database: local sandbox CPU from the run ledger, E2B from the sandbox leases
 * (table {@code sandbox_lease}, when the E2B engine's migration has made it): priced leases by
 * their cost, open ones estimated from their size and age.
 */
@Stateless
public class SpendQuery {
  static final String LOCAL_COST =
      "SELECT COALESCE(SUM(cost_usd), 0) FROM run_record WHERE engine = 'local' AND created_at >= ?1 AND created_at < ?2";
  static final String ALL_RUN_COST =
      "SELECT COALESCE(SUM(cost_usd), 0) FROM run_record WHERE created_at >= ?1 AND created_at < ?2";
  static final String LEASES_EXIST =
      "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'sandbox_lease'";
  static final String ENDED_LEASE_COST =
      "SELECT COALESCE(SUM(cost_usd), 0) FROM sandbox_lease WHERE ended_at IS NOT NULL AND ended_at >= ?1 AND ended_at < ?2";
  static final String OPEN_LEASES =
      "SELECT vcpus, memory_mb, created_at FROM sandbox_lease WHERE ended_at IS NULL";

  @PersistenceContext private EntityManager em;

  /** Local sandbox cost of runs created in [from, to). */
  public BigDecimal localCost(OffsetDateTime from, OffsetDateTime to) {
    return decimal(em.createNativeQuery(LOCAL_COST).setParameter(1, from).setParameter(2, to).getSingleResult());
  }

  /** Cost of every run created in [from, to), as the ledger has it. */
  public BigDecimal runCost(OffsetDateTime from, OffsetDateTime to) {
    return decimal(em.createNativeQuery(ALL_RUN_COST).setParameter(1, from).setParameter(2, to).getSingleResult());
  }

  public boolean leasesExist() {
    return ((Number) em.createNativeQuery(LEASES_EXIST).getSingleResult()).longValue() > 0;
  }

  /** E2B cost of leases ended in [from, to), plus what the open ones have cost so far (to {@code to}). */
  public BigDecimal leaseCost(OffsetDateTime from, OffsetDateTime to, Pricing pricing) {
    return endedLeaseCost(from, to).add(openLeasesCost(to, pricing));
  }

  /** E2B cost of the leases ended in [from, to), as priced when they ended. */
  public BigDecimal endedLeaseCost(OffsetDateTime from, OffsetDateTime to) {
    return decimal(em.createNativeQuery(ENDED_LEASE_COST).setParameter(1, from).setParameter(2, to)
        .getSingleResult());
  }

  /** What the leases still open have cost from their start to {@code now}, by their size. */
  public BigDecimal openLeasesCost(OffsetDateTime now, Pricing pricing) {
    @SuppressWarnings("unchecked")
    List<Object[]> open = em.createNativeQuery(OPEN_LEASES).getResultList();
    BigDecimal running = BigDecimal.ZERO;
    for (Object[] row : open) {
      running = running.add(openLeaseCost(((Number) row[0]).intValue(), ((Number) row[1]).intValue(),
          toOffset(row[2]), now, pricing));
    }
    return running;
  }

  /** An open lease's cost so far, as E2B bills it: its size for every started second. */
  static BigDecimal openLeaseCost(int vcpus, int memoryMb, OffsetDateTime created, OffsetDateTime now,
      Pricing pricing) {
    return pricing.e2bSeconds(Lease.billedSeconds(created.toInstant(), now.toInstant()), vcpus, memoryMb);
  }

  /** One day's runs of one engine and tier: how many, and what the ledger says they cost. */
  public record DaySpend(java.time.LocalDate day, String engine, String tier, long runs, BigDecimal costUsd) {}

  /**
   * Runs created in [from, to) per UTC day, engine and tier (a range of the created_at index), then
   * the E2B leases ended in it per day (engine "e2b-leases", tier empty): the budget counts local
   * runs and E2B leases; an E2B run's own cost is its share of its lease.
   */
  @SuppressWarnings("unchecked")
  public List<DaySpend> byDay(OffsetDateTime from, OffsetDateTime to) {
    List<DaySpend> out = new java.util.ArrayList<>();
    for (Object[] r : (List<Object[]>) em.createNativeQuery("SELECT CAST(created_at AS DATE), engine, tier, COUNT(*),"
            + " COALESCE(SUM(cost_usd), 0) FROM run_record WHERE created_at >= ?1 AND created_at < ?2"
            + " GROUP BY CAST(created_at AS DATE), engine, tier ORDER BY 1, 2, 3")
        .setParameter(1, from).setParameter(2, to).getResultList()) {
      out.add(new DaySpend(toDate(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).longValue(), decimal(r[4])));
    }
    if (leasesExist()) {
      for (Object[] r : (List<Object[]>) em.createNativeQuery("SELECT CAST(ended_at AS DATE), COUNT(*),"
              + " COALESCE(SUM(cost_usd), 0) FROM sandbox_lease WHERE ended_at >= ?1 AND ended_at < ?2"
              + " GROUP BY CAST(ended_at AS DATE) ORDER BY 1")
          .setParameter(1, from).setParameter(2, to).getResultList()) {
        out.add(new DaySpend(toDate(r[0]), "e2b-leases", "", ((Number) r[1]).longValue(), decimal(r[2])));
      }
    }
    return out;
  }

  private static java.time.LocalDate toDate(Object o) {
    if (o instanceof java.time.LocalDate d) {
      return d;
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return java.time.LocalDate.parse(o.toString().substring(0, 10));
  }

  private static OffsetDateTime toOffset(Object o) {
    if (o instanceof OffsetDateTime odt) {
      return odt;
    }
    if (o instanceof java.time.Instant i) {
      return i.atOffset(java.time.ZoneOffset.UTC);
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    if (o instanceof java.time.ZonedDateTime z) {
      return z.toOffsetDateTime();
    }
    return OffsetDateTime.parse(o.toString());
  }

  private static BigDecimal decimal(Object o) {
    if (o == null) {
      return BigDecimal.ZERO;
    }
    return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
  }
}
