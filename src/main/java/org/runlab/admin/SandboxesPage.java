package org.runlab.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.runlab.account.AccountService;
import org.runlab.budget.Pricing;
import org.runlab.engine.e2b.E2bException;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.e2b.E2bSandbox;
import org.runlab.engine.e2b.Lease;
import org.runlab.engine.local.LocalEngine;
import org.runlab.engine.local.LocalEngineService;
import org.runlab.platform.AppConfig;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Sandboxes: the local warm pools and the runs in progress with their cgroup figures; every E2B
 * sandbox of this installation as E2B lists it, orphans included, with its lease cost so far; kill
 * one, or drain the warm pool, each confirmed and audited.
 */
@Named
@ViewScoped
public class SandboxesPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient LocalEngineService local;
  @Inject private transient E2bProducer e2b;
  @Inject private transient AccountService accounts;
  @Inject private transient AuditLog audit;
  @Inject private transient AppConfig config;
  @Inject private transient Console console;

  private transient List<E2bSandbox> e2bSandboxes;
  private transient Map<UUID, String> emails;
  private String e2bProblem;
  private String reason;

  public List<LocalEngine.PoolState> getLocalPools() {
    return local.engine().pools();
  }

  public List<LocalEngine.ActiveRun> getLocalRuns() {
    return local.engine().activeRuns();
  }

  public String getLocalState() {
    var a = local.engine().availability();
    return a.available() ? "working" : "not working: " + a.reason();
  }

  public boolean isE2bConfigured() {
    return e2b.settings().configured();
  }

  /** One control-plane call per page view or refresh. */
  public List<E2bSandbox> getE2bSandboxes() {
    if (e2bSandboxes == null) {
      if (!isE2bConfigured()) {
        e2bSandboxes = List.of();
      } else {
        try {
          e2bSandboxes = e2b.pool().sandboxes();
          e2bProblem = null;
        } catch (E2bException | IllegalStateException e) {
          e2bSandboxes = List.of();
          e2bProblem = "E2B did not list the sandboxes: " + e.getMessage();
        }
      }
    }
    return e2bSandboxes;
  }

  public String getE2bProblem() {
    return e2bProblem;
  }

  public void refresh() {
    e2bSandboxes = null;
  }

  public String learnerOf(String key) {
    if (emails == null) {
      Set<UUID> ids = new HashSet<>();
      getLocalRuns().forEach(r -> add(ids, r.owner()));
      getE2bSandboxes().forEach(s -> add(ids, s.learner()));
      emails = accounts.emails(ids);
    }
    if (key == null) {
      return "";
    }
    return key.contains(":") ? Console.learner(key, emails) : "learner " + key.substring(0, Math.min(8, key.length()));
  }

  private static void add(Set<UUID> ids, String key) {
    UUID u = Console.userOf(key);
    if (u != null) {
      ids.add(u);
    }
  }

  public String leaseCost(E2bSandbox s) {
    if (s.startedAt() == null) {
      return "";
    }
    BigDecimal cost = Pricing.from(config.get()).e2bSeconds(Lease.billedSeconds(s.startedAt(), Instant.now()),
        s.vcpus(), s.memoryMb());
    return console.usd(cost);
  }

  public void kill(String sandboxId) {
    String why = reason;
    console.act(() -> {
      if (!isE2bConfigured()) {
        throw InvalidInputException.invalid("reason", "E2B is off: there is nothing to kill.");
      }
      E2bSandbox before = getE2bSandboxes().stream().filter(s -> s.id().equals(sandboxId)).findFirst().orElse(null);
      boolean killed = e2b.pool().kill(sandboxId);
      audit.record(console.actor(), "sandbox.kill", "E2B sandbox " + sandboxId,
          before == null ? "listed" : before.holder() + (before.learner() == null ? "" : " of " + learnerOf(before.learner())),
          killed ? "killed" : "already gone", why);
    }, () -> "Sandbox " + sandboxId + " was killed.");
    refresh();
  }

  public void drain() {
    String why = reason;
    int[] n = new int[1];
    console.act(() -> {
      if (!isE2bConfigured()) {
        throw InvalidInputException.invalid("reason", "E2B is off: there is no warm pool.");
      }
      int warm = e2b.pool().warmCount();
      n[0] = e2b.pool().drainWarm();
      audit.record(console.actor(), "sandbox.drain", "E2B warm pool", warm + " warm", "drained (" + n[0] + " killed)",
          why);
    }, () -> n[0] + " warm sandboxes were killed; the pool refills on the reaper's next round.");
    refresh();
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
