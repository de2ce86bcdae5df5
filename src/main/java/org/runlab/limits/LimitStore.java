package org.runlab.limits;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Limit overrides in the database; every change is audited in the same transaction. */
@Stateless
public class LimitStore {
  @PersistenceContext private EntityManager em;
  @jakarta.inject.Inject private org.runlab.platform.audit.AuditLog audit;

  public List<LimitOverride> all() {
    return em.createQuery("SELECT o FROM LimitOverride o ORDER BY o.scope, o.subject", LimitOverride.class)
        .getResultList();
  }

  public Optional<LimitOverride> find(String scope, String subject) {
    return em.createQuery("SELECT o FROM LimitOverride o WHERE o.scope = :s AND o.subject = :subject",
            LimitOverride.class)
        .setParameter("s", scope).setParameter("subject", subject)
        .getResultStream().findFirst();
  }

  /** Sets (or, with no values, removes) the override of {@code scope}/{@code subject}. */
  public void save(String scope, String subject, LimitValues values, String by) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Optional<LimitOverride> existing = find(scope, subject);
    String before = existing.map(o -> o.values().describe()).orElse("(none)");
    if (values.isEmpty()) {
      existing.ifPresent(em::remove);
    } else {
      LimitOverride o = existing.orElseGet(() -> new LimitOverride(scope, subject));
      o.set(values, by, now);
      if (existing.isEmpty()) {
        em.persist(o);
      }
    }
    em.persist(new LimitAudit(scope, subject, by, now, before, values.describe()));
    audit.record(by, "limits.set", scope.toLowerCase(java.util.Locale.ROOT) + " " + subject, before, values.describe(),
        null);
  }

  public List<LimitAudit> audit(int max) {
    return em.createQuery("SELECT a FROM LimitAudit a ORDER BY a.changedAt DESC, a.id DESC", LimitAudit.class)
        .setMaxResults(max).getResultList();
  }
}
