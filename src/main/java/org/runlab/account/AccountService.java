package org.runlab.account;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creates accounts, checks passwords and changes tiers. */
@Stateless
public class AccountService {
  @PersistenceContext private EntityManager em;
  @Inject private PasswordHashing hashing;

  /**
   * Creates a LEARNER account on the FREE tier, or throws {@link AccountException} naming every
   * problem; nothing is written then.
   */
  public User signUp(String email, String displayName, String password, String clientAddress) {
    return create(email, displayName, password, EnumSet.of(Role.LEARNER), clientAddress);
  }

  /** Creates an account with the given roles, under the same rules as sign-up. */
  public User create(
      String email, String displayName, String password, Set<Role> roles, String address) {
    List<AccountRules.Problem> problems = AccountRules.checkSignUp(email, displayName, password);
    if (!problems.isEmpty()) {
      throw new AccountException(problems);
    }
    String normalised = AccountRules.normaliseEmail(email);
    if (findByEmail(normalised).isPresent()) {
      throw duplicate();
    }
    User user =
        new User(normalised, displayName.strip(), hashing.hash(password), roles, address);
    try {
      em.persist(user);
      em.flush();
    } catch (PersistenceException e) {
      // Two sign-ups raced for one address: the unique constraint decided.
      throw duplicate();
    }
    return user;
  }

  private static AccountException duplicate() {
    return new AccountException(
        List.of(
            new AccountRules.Problem(
                "email", "An account with this e-mail address already exists. Sign in instead.")));
  }

  public Optional<User> findByEmail(String email) {
    return em.createNamedQuery("User.byEmail", User.class)
        .setParameter("email", AccountRules.normaliseEmail(email))
        .getResultStream()
        .findFirst();
  }

  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  /** The user behind a Jakarta Security caller name (a user id), if there is one. */
  public Optional<User> findByCaller(String caller) {
    if (caller == null) {
      return Optional.empty();
    }
    try {
      return find(UUID.fromString(caller));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The user whose password matches, or empty; takes the same time either way. */
  public Optional<User> authenticate(String email, String password) {
    if (password == null || password.length() > AccountRules.MAX_PASSWORD) {
      return Optional.empty();
    }
    Optional<User> user = findByEmail(email);
    if (user.isEmpty()) {
      hashing.burn(password);
      return Optional.empty();
    }
    return hashing.verify(password, user.get().getPasswordHash()) ? user : Optional.empty();
  }

  public long countWithRole(Role role) {
    return em.createNamedQuery("User.countWithRole", Long.class)
        .setParameter("role", role)
        .getSingleResult();
  }

  /** Sets a user's tier (an admin's decision). */
  public void changeTier(UUID userId, Tier tier) {
    User user = find(userId).orElseThrow(() -> new IllegalArgumentException("no such user"));
    user.setTier(tier);
  }

  public List<User> list(int first, int max) {
    return em.createQuery("SELECT u FROM User u ORDER BY u.createdAt", User.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }
}
