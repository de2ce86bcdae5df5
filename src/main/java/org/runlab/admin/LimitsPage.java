package org.runlab.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.runlab.account.AccountService;
import org.runlab.account.Tier;
import org.runlab.account.User;
import org.runlab.budget.BudgetGuard;
import org.runlab.limits.LimitAudit;
import org.runlab.limits.LimitOverride;
import org.runlab.limits.LimitService;
import org.runlab.limits.LimitValues;
import org.runlab.platform.alert.Alert;
import org.runlab.platform.alert.AlertSink;
import org.runlab.quota.DailyUsage;
import org.runlab.quota.UsageCounter;

/**
 * The limits console: override a tier's or one learner's limits (blank fields keep the tier's
 * value; all blank removes the override), with the audit trail, today's usage, the budget and alerts.
 */
@Named
@RequestScoped
public class LimitsPage {
  @Inject private LimitService limits;
  @Inject private AccountService accounts;
  @Inject private UsageCounter usage;
  @Inject private BudgetGuard budget;
  @Inject private AlertSink alerts;
  @Inject private Console console;

  private String scope = LimitOverride.TIER;
  private String subject = "FREE";
  private Integer runsPerHour;
  private Integer runsPerDay;
  private Integer concurrentRuns;
  private Integer wallSeconds;
  private Integer memoryMb;
  private String e2bAllowed = "";
  private Integer maxQueueSeconds;

  public String save() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!console.admin()) {
      console.refuse();
      return null;
    }
    Optional<String> resolved = resolveSubject();
    if (resolved.isEmpty()) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
          "There is no such tier or learner: " + subject, null));
      return null;
    }
    for (Integer v : new Integer[] {runsPerHour, runsPerDay, concurrentRuns, wallSeconds, memoryMb, maxQueueSeconds}) {
      if (v != null && v < 0) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Limits cannot be negative.", null));
        return null;
      }
    }
    LimitValues values = new LimitValues(runsPerHour, runsPerDay, concurrentRuns, wallSeconds, memoryMb,
        e2bAllowed == null || e2bAllowed.isBlank() ? null : Boolean.valueOf(e2bAllowed), maxQueueSeconds);
    limits.save(scope, resolved.get(), values, who(faces));
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
        "Saved for " + scope.toLowerCase(Locale.ROOT) + " " + subject + ": " + values.describe() + ".", null));
    return null;
  }

  private Optional<String> resolveSubject() {
    String s = subject == null ? "" : subject.trim();
    if (LimitOverride.TIER.equals(scope)) {
      try {
        return Optional.of(Tier.valueOf(s.toUpperCase(Locale.ROOT)).name());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (!LimitOverride.USER.equals(scope)) {
      return Optional.empty();
    }
    Optional<User> user = s.contains("@") ? accounts.findByEmail(s) : parse(s).flatMap(accounts::find);
    return user.map(u -> u.getId().toString());
  }

  private static Optional<UUID> parse(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String who(FacesContext faces) {
    String id = faces.getExternalContext().getRemoteUser();
    return parse(id == null ? "" : id).flatMap(accounts::find).map(User::getEmail).orElse(String.valueOf(id));
  }

  public List<LimitOverride> getOverrides() {
    return limits.overrides();
  }

  public List<LimitAudit> getAudit() {
    return limits.audit(50);
  }

  private java.util.Map<UUID, String> emails;

  public List<DailyUsage> getUsageToday() {
    List<DailyUsage> today = usage.day(LocalDate.now(ZoneOffset.UTC), 50);
    if (emails == null) {
      java.util.Set<UUID> ids = new java.util.HashSet<>();
      today.forEach(u -> {
        UUID id = Console.userOf(u.getIdentityKey());
        if (id != null) {
          ids.add(id);
        }
      });
      emails = accounts.emails(ids);
    }
    return today;
  }

  /** A usage row's learner in words: their e-mail, or "visitor" with a short id. */
  public String learnerOf(String key) {
    return Console.learner(key, emails == null ? java.util.Map.of() : emails);
  }

  public List<Alert> getAlerts() {
    return alerts.latest(20);
  }

  public BudgetGuard getBudget() {
    return budget;
  }

  public String getEffective() {
    StringBuilder b = new StringBuilder();
    for (Tier t : Tier.values()) {
      var l = limits.limits(t);
      b.append(t).append(": ").append(l.runsPerHour()).append("/h, ").append(l.runsPerDay()).append("/day, ")
          .append(l.concurrentRuns()).append(" at once, ").append(l.wallTime().toSeconds()).append(" s, ")
          .append(l.memoryBytes() >> 20).append(" MiB, E2B ").append(l.e2bAllowed() ? "yes" : "no")
          .append(", waits at most ").append(l.maxQueueWait().toSeconds()).append(" s. ");
    }
    return b.toString().trim();
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public Integer getRunsPerHour() {
    return runsPerHour;
  }

  public void setRunsPerHour(Integer v) {
    this.runsPerHour = v;
  }

  public Integer getRunsPerDay() {
    return runsPerDay;
  }

  public void setRunsPerDay(Integer v) {
    this.runsPerDay = v;
  }

  public Integer getConcurrentRuns() {
    return concurrentRuns;
  }

  public void setConcurrentRuns(Integer v) {
    this.concurrentRuns = v;
  }

  public Integer getWallSeconds() {
    return wallSeconds;
  }

  public void setWallSeconds(Integer v) {
    this.wallSeconds = v;
  }

  public Integer getMemoryMb() {
    return memoryMb;
  }

  public void setMemoryMb(Integer v) {
    this.memoryMb = v;
  }

  public String getE2bAllowed() {
    return e2bAllowed;
  }

  public void setE2bAllowed(String v) {
    this.e2bAllowed = v;
  }

  public Integer getMaxQueueSeconds() {
    return maxQueueSeconds;
  }

  public void setMaxQueueSeconds(Integer v) {
    this.maxQueueSeconds = v;
  }
}
