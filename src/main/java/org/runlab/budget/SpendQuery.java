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
