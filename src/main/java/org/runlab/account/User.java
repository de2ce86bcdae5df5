package org.runlab.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A registered person: e-mail, display name, password hash, roles and tier. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "User.byEmail", query = "SELECT u FROM User u WHERE u.email = :email")
@NamedQuery(
    name = "User.countWithRole",
    query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role")
public class User {
  @Id private UUID id;

  @Column(nullable = false, length = 254)
  private String email;

  @Column(name = "display_name", nullable = false, length = 80)
  private String displayName;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Tier tier;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "signup_address", length = 64)
  private String signupAddress;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Enumerated(EnumType.STRING)
  @Column(name = "role_name", length = 16)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  @Column(name = "disabled_at")
  private OffsetDateTime disabledAt;

  @Column(name = "disabled_reason", length = 500)
  private String disabledReason;

  protected User() {}

  public User(
      String email,
      String displayName,
      String passwordHash,
      Set<Role> roles,
      String signupAddress) {
    this.id = UUID.randomUUID();
    this.email = email;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.roles = EnumSet.copyOf(roles);
    this.tier = Tier.FREE;
    this.createdAt = OffsetDateTime.now();
    this.signupAddress = signupAddress;
  }

  public UUID getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Tier getTier() {
    return tier;
  }

  public void setTier(Tier tier) {
    if (tier == Tier.ANONYMOUS) {
      throw new IllegalArgumentException("a registered user cannot be ANONYMOUS");
    }
    this.tier = tier;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public Set<Role> getRoles() {
    return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  void grant(Role role) {
    roles.add(role);
  }

  void revoke(Role role) {
    roles.remove(role);
  }

  /** A disabled account cannot sign in or run code; the reason is shown to operators and the learner. */
  public boolean isDisabled() {
    return disabledAt != null;
  }

  public OffsetDateTime getDisabledAt() {
    return disabledAt;
  }

  public String getDisabledReason() {
    return disabledReason;
  }

  void disable(String reason, OffsetDateTime at) {
    this.disabledAt = at;
    this.disabledReason = reason;
  }

  void enable() {
    this.disabledAt = null;
    this.disabledReason = null;
  }
}
