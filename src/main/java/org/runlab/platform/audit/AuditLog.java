package org.runlab.platform.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Writes and reads the audit trail. A change and its entry are written in the caller's
 * transaction, so there is never one without the other.
 */
@Stateless
public class AuditLog {
  @PersistenceContext private EntityManager em;

  /** Records that {@code actor} did {@code action} to {@code subject}, from {@code oldValue} to {@code newValue}. */
  public void record(String actor, String action, String subject, String oldValue, String newValue, String reason) {
    em.persist(new AuditEntry(OffsetDateTime.now(ZoneOffset.UTC), actor == null ? "(unknown)" : actor, action,
        subject, oldValue, newValue, reason == null || reason.isBlank() ? null : reason.strip()));
  }

  /** Entries newest first, optionally only those whose action or subject or actor contains {@code text}. */
  public List<AuditEntry> page(String text, int first, int max) {
    TypedQuery<AuditEntry> q = em.createQuery("SELECT a FROM AuditEntry a" + where(text)
        + " ORDER BY a.at DESC, a.id DESC", AuditEntry.class);
    bind(q, text);
    return q.setFirstResult(first).setMaxResults(max).getResultList();
  }

  public long count(String text) {
    TypedQuery<Long> q = em.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where(text), Long.class);
    bind(q, text);
    return q.getSingleResult();
  }

  /** The newest entries of one action on one subject (for tests and the People page). */
  public List<AuditEntry> about(String subject, int max) {
    return em.createQuery("SELECT a FROM AuditEntry a WHERE a.subject = :s ORDER BY a.at DESC, a.id DESC",
            AuditEntry.class)
        .setParameter("s", subject).setMaxResults(max).getResultList();
  }

  private static String where(String text) {
    return text == null || text.isBlank() ? ""
        : " WHERE LOWER(a.action) LIKE :t OR LOWER(a.subject) LIKE :t OR LOWER(a.actor) LIKE :t";
  }

  private static void bind(TypedQuery<?> q, String text) {
    if (text != null && !text.isBlank()) {
      q.setParameter("t", "%" + text.strip().toLowerCase(Locale.ROOT) + "%");
    }
  }
}
