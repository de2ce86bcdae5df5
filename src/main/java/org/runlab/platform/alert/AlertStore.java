package org.runlab.platform.alert;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Stored alerts; storing one is its own transaction, which fails when another member stored it first. */
@Stateless
public class AlertStore {
  @PersistenceContext private EntityManager em;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void store(String dedupeKey, String kind, String message) {
    em.persist(new Alert(dedupeKey, kind, message, OffsetDateTime.now(ZoneOffset.UTC)));
    em.flush();
  }

  public List<Alert> latest(int max) {
    return em.createQuery("SELECT a FROM Alert a ORDER BY a.raisedAt DESC, a.id DESC", Alert.class)
        .setMaxResults(max).getResultList();
  }
}
