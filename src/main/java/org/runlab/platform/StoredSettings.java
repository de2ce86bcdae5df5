package org.runlab.platform;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads and creates {@link AppSetting}s. */
@Stateless
public class StoredSettings {
  @PersistenceContext private EntityManager em;

  public Optional<String> get(String name) {
    return Optional.ofNullable(em.find(AppSetting.class, name)).map(AppSetting::getValue);
  }

  /**
   * The setting's value, creating it from {@code initial} if absent. When two requests race, the
   * first insert wins and the other's commit fails: its caller reads the winner's value with
   * {@link #get}.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public String getOrCreate(String name, Supplier<String> initial) {
    return get(name)
        .orElseGet(
            () -> {
              String value = initial.get();
              em.persist(new AppSetting(name, value));
              return value;
            });
  }

  /** Sets (or, with null, removes) a setting in the caller's transaction. */
  public void set(String name, String value) {
    AppSetting existing = em.find(AppSetting.class, name);
    if (value == null) {
      if (existing != null) {
        em.remove(existing);
      }
    } else if (existing == null) {
      em.persist(new AppSetting(name, value));
    } else {
      existing.setValue(value);
    }
  }
}
