package org.runlab.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.runlab.account.AccountService;
import org.runlab.account.Identity;
import org.runlab.account.Role;
import org.runlab.account.Tier;
import org.runlab.account.User;
import org.runlab.execution.RunFilter;
import org.runlab.execution.RunRecord;
import org.runlab.execution.RunSearch;
import org.runlab.execution.RunStopper;
import org.runlab.platform.audit.AuditEntry;
import org.runlab.platform.audit.AuditLog;
import org.runlab.quota.DailyUsage;
import org.runlab.quota.QuotaService;
import org.runlab.quota.UsageCounter;

/**
 * People: find users by e-mail; change a learner's tier; grant or revoke ADMIN and FINANCE (the
 * last admin keeps ADMIN); disable an account with a reason (sign-in and runs refused, live runs
 * stopped) or enable it; give back a learner's hourly and daily quota; see their recent runs and
 * usage. Every change is audited.
 */
@Named
@ViewScoped
public class PeoplePage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient AccountService accounts;
  @Inject private transient RunSearch runs;
  @Inject private transient RunStopper stopper;
  @Inject private transient QuotaService quota;
  @Inject private transient UsageCounter usage;
  @Inject private transient AuditLog audit;
  @Inject private transient Console console;

  private String search;
  private PagedModel<User> model;
  private UUID selectedId;
  private transient User selected;
  private String tier;
  private String reason;

  @PostConstruct
  void init() {
    model = new PagedModel<>(new PagedModel.Pager<>() {
      @Override
      public List<User> page(int first, int max, String field, boolean ascending) {
        return accounts.search(search, first, max);
      }

      @Override
      public long count() {
        return accounts.count(search);
      }
    }, u -> u.getId().toString());
  }

  public void find() {
    selectedId = null;
    selected = null;
  }

  public void open(String id) {
    selectedId = UUID.fromString(id);
    selected = null;
    reason = null;
    tier = getSelected() == null ? null : getSelected().getTier().name();
  }

  public User getSelected() {
    if (selected == null && selectedId != null) {
      selected = accounts.find(selectedId).orElse(null);
    }
    return selected;
  }

  private void changed() {
    selected = null;
  }

  public void changeTier() {
    UUID id = selectedId;
    String t = tier;
    console.act(() -> accounts.changeTier(id, t == null || t.isBlank() ? null : Tier.valueOf(t), console.actor(), reason),
        () -> "The tier is now " + t + ".");
    changed();
  }

  public void grant(String role) {
    setRole(role, true);
  }

  public void revoke(String role) {
    setRole(role, false);
  }

  private void setRole(String role, boolean granted) {
    UUID id = selectedId;
    console.act(() -> accounts.setRole(id, Role.valueOf(role), granted, console.actor(), reason),
        () -> (granted ? "Granted " : "Revoked ") + role + ".");
    changed();
  }

  public void disable() {
    UUID id = selectedId;
    String why = reason;
    console.act(() -> {
      accounts.disable(id, why, console.actor());
      stopper.stopRunsOf("user:" + id);
    }, () -> "The account is disabled: it cannot sign in or run code, and its live runs were stopped.");
    changed();
  }

  public void enable() {
    UUID id = selectedId;
    console.act(() -> accounts.enable(id, reason, console.actor()), () -> "The account is enabled again.");
    changed();
  }

  public void resetQuota() {
    User u = getSelected();
    if (u == null) {
      return;
    }
    Identity who = Identity.user(u.getId(), u.getTier(), null);
    console.act(() -> quota.reset(who, u.getEmail(), console.actor(), reason),
        () -> "The learner's hourly and daily server runs are available again.");
  }

  public List<RunRecord> getRecentRuns() {
    if (selectedId == null) {
      return List.of();
    }
    RunFilter f = new RunFilter(OffsetDateTime.now(ZoneOffset.UTC).minusDays(31), null, null, null, null, selectedId,
        null, null);
    return runs.page(f, 0, 20, null, false);
  }

  public List<DailyUsage> getUsage() {
    return selectedId == null ? List.of() : usage.of("user:" + selectedId, LocalDate.now(ZoneOffset.UTC).minusDays(14));
  }

  public List<AuditEntry> getHistory() {
    User u = getSelected();
    return u == null ? List.of() : audit.about(u.getEmail(), 20);
  }

  public boolean has(User u, String role) {
    return u != null && u.hasRole(Role.valueOf(role));
  }

  public PagedModel<User> getModel() {
    return model;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
