package org.runlab.account;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;

/** Creates accounts, checks passwords, and carries out an admin's changes to an account, audited. */
@Stateless
public class AccountService {
  @PersistenceContext private EntityManager em;
  @Inject private PasswordHashing hashing;
  @Inject private AuditLog audit;

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

  /** Sets a user's tier (an admin's decision), audited. */
  public void changeTier(UUID userId, Tier tier, String actor, String reason) {
    if (tier == null || tier == Tier.ANONYMOUS) {
      throw InvalidInputException.invalid("tier", "Choose FREE or PAID.");
    }
    User user = existing(userId);
    Tier before = user.getTier();
    if (before == tier) {
      return;
    }
    user.setTier(tier);
    audit.record(actor, "user.tier", user.getEmail(), before.name(), tier.name(), reason);
  }

  /**
   * Grants or revokes ADMIN or FINANCE, audited. The last admin keeps ADMIN: without one nobody
   * could run the console.
   */
  public void setRole(UUID userId, Role role, boolean granted, String actor, String reason) {
    if (role != Role.ADMIN && role != Role.FINANCE) {
      throw InvalidInputException.invalid("role", "Only ADMIN and FINANCE are granted or revoked here.");
    }
    User user = existing(userId);
    if (user.hasRole(role) == granted) {
      return;
    }
    String before = user.getRoles().toString();
    if (!granted && role == Role.ADMIN && activeAdmins() <= 1 && !user.isDisabled()) {
      throw new ConflictException("Last admin",
          user.getEmail() + " is the last admin; grant ADMIN to someone else first.").with("field", "role");
    }
    if (granted) {
      user.grant(role);
    } else {
      user.revoke(role);
    }
    audit.record(actor, granted ? "user.role.grant" : "user.role.revoke", user.getEmail(), before,
        user.getRoles().toString(), reason);
  }

  /** Disables an account with a reason (required), audited; the last enabled admin cannot be disabled. */
  public void disable(UUID userId, String reason, String actor) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw InvalidInputException.invalid("reason", "Say why the account is disabled; the learner is told.");
    }
    if (why.length() > 500) {
      throw InvalidInputException.invalid("reason", "A reason has at most 500 characters.");
    }
    User user = existing(userId);
    if (user.isDisabled()) {
      return;
    }
    if (user.hasRole(Role.ADMIN) && activeAdmins() <= 1) {
      throw new ConflictException("Last admin", user.getEmail() + " is the last admin and cannot be disabled.")
          .with("field", "reason");
    }
    user.disable(why, OffsetDateTime.now(ZoneOffset.UTC));
    audit.record(actor, "user.disable", user.getEmail(), "enabled", "disabled", why);
  }

  /** Enables a disabled account again, audited. */
  public void enable(UUID userId, String reason, String actor) {
    User user = existing(userId);
    if (!user.isDisabled()) {
      return;
    }
    String was = "disabled: " + user.getDisabledReason();
    user.enable();
    audit.record(actor, "user.enable", user.getEmail(), was, "enabled", reason);
  }

  private long activeAdmins() {
    return em.createQuery("SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role AND u.disabledAt IS NULL",
            Long.class)
        .setParameter("role", Role.ADMIN).getSingleResult();
  }

  private User existing(UUID userId) {
    return find(userId).orElseThrow(() -> new NotFoundException("No such user", "There is no user " + userId + "."));
  }

  /** Users whose e-mail contains {@code emailPart} (all when blank), newest first. */
  public List<User> search(String emailPart, int first, int max) {
    return em.createQuery("SELECT u FROM User u" + emailFilter(emailPart) + " ORDER BY u.createdAt DESC, u.id",
            User.class)
        .setParameter("e", pattern(emailPart))
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  public long count(String emailPart) {
    return em.createQuery("SELECT COUNT(u) FROM User u" + emailFilter(emailPart), Long.class)
        .setParameter("e", pattern(emailPart)).getSingleResult();
  }

  /** The e-mail addresses of these users, for tables that show who ran what. */
  public Map<UUID, String> emails(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, String> m = new HashMap<>();
    em.createQuery("SELECT u.id, u.email FROM User u WHERE u.id IN :ids", Object[].class)
        .setParameter("ids", ids).getResultList().forEach(r -> m.put((UUID) r[0], (String) r[1]));
    return m;
  }

  private static String emailFilter(String part) {
    return " WHERE u.email LIKE :e";
  }

  private static String pattern(String part) {
    String p = part == null ? "" : AccountRules.normaliseEmail(part).replace("%", "").replace("_", "");
    return "%" + p + "%";
  }

  public List<User> list(int first, int max) {
    return search(null, first, max);
  }
}
