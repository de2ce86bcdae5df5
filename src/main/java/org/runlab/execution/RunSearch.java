package org.runlab.execution;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.runlab.account.Tier;
import org.runlab.engine.Verdict;

/**
 * The run ledger as operators read it: pages of runs by filter, counts per engine and verdict.
 * Every query is bounded by a {@code since} time, a range of an index on created_at.
 */
@Stateless
public class RunSearch {
  private static final Set<String> SORTABLE =
      Set.of("createdAt", "engine", "tier", "verdict", "wallTimeMs", "cpuTimeMs", "peakMemoryBytes", "costUsd",
          "lessonSlug");

  @PersistenceContext private EntityManager em;

  /** A page of runs, newest first unless sorted by {@code sortField}. */
  public List<RunRecord> page(RunFilter f, int first, int max, String sortField, boolean ascending) {
    Map<String, Object> params = new LinkedHashMap<>();
    String order = sortField != null && SORTABLE.contains(sortField)
        ? " ORDER BY r." + sortField + (ascending ? " ASC" : " DESC") + ", r.createdAt DESC"
        : " ORDER BY r.createdAt DESC";
    TypedQuery<RunRecord> q = em.createQuery("SELECT r FROM RunRecord r" + where(f, params) + order, RunRecord.class);
    params.forEach(q::setParameter);
    return q.setFirstResult(first).setMaxResults(max).getResultList();
  }

  public long count(RunFilter f) {
    Map<String, Object> params = new LinkedHashMap<>();
    TypedQuery<Long> q = em.createQuery("SELECT COUNT(r) FROM RunRecord r" + where(f, params), Long.class);
    params.forEach(q::setParameter);
    return q.getSingleResult();
  }

  public java.util.Optional<RunRecord> find(UUID id) {
    return java.util.Optional.ofNullable(em.find(RunRecord.class, id));
  }

  /** Runs since {@code since} per engine and verdict ("pending" while a run has none yet). */
  public Map<String, Map<String, Long>> countsByEngineAndVerdict(OffsetDateTime since) {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Object[] row : em.createQuery("SELECT r.engine, r.verdict, COUNT(r) FROM RunRecord r"
            + " WHERE r.createdAt >= :since GROUP BY r.engine, r.verdict", Object[].class)
        .setParameter("since", since).getResultList()) {
      String verdict = row[1] == null ? "pending" : row[1].toString();
      counts.computeIfAbsent((String) row[0], e -> new LinkedHashMap<>()).put(verdict, ((Number) row[2]).longValue());
    }
    return counts;
  }

  private static String where(RunFilter f, Map<String, Object> params) {
    List<String> c = new ArrayList<>();
    if (f.since() != null) {
      c.add("r.createdAt >= :since");
      params.put("since", f.since());
    }
    if (blank(f.engine())) {
      c.add("r.engine = :engine");
      params.put("engine", f.engine().toLowerCase(Locale.ROOT));
    }
    if (blank(f.verdict())) {
      c.add("r.verdict = :verdict");
      params.put("verdict", Verdict.valueOf(f.verdict()));
    }
    if (blank(f.tier())) {
      c.add("r.tier = :tier");
      params.put("tier", Tier.valueOf(f.tier()));
    }
    if (blank(f.lesson())) {
      c.add("r.lessonSlug = :lesson");
      params.put("lesson", f.lesson().strip());
    }
    if (f.userId() != null) {
      c.add("r.userId = :user");
      params.put("user", f.userId());
    }
    if (blank(f.ownerKey())) {
      c.add("r.ownerKey = :owner");
      params.put("owner", f.ownerKey());
    }
    if (blank(f.state())) {
      c.add("r.state = :state");
      params.put("state", RunState.valueOf(f.state()));
    }
    return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
  }

  private static boolean blank(String s) {
    return s != null && !s.isBlank();
  }
}
