package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.runlab.account.Tier;
import org.runlab.engine.e2b.SandboxSize;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.engine.selection.BudgetStageChanged;
import org.runlab.platform.AppConfig;
import org.runlab.platform.alert.AlertSink;
import org.runlab.platform.background.Background;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.SharedMap;

/**
 * Month-to-date spending (E2B leases plus local sandbox CPU) against {@code runlab.budget.monthly-usd},
 * recomputed every ten seconds by one member of the cluster and read by the others: the level it reaches feeds engine selection and the
 * metrics, and raises alerts. (Spending anomalies are the nightly anomaly-scan job's, in reports.)
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BudgetGuard {
  private static final Logger LOG = Logger.getLogger(BudgetGuard.class.getName());
  /** The once-per-cluster job that recomputes the month's spending, and its lease. */
  static final String JOB = "budget";
  private static final Duration LEAD = Duration.ofSeconds(30);
  /** Where the leader puts the month's spending for the other members, and how long it is good. */
  static final String SHARED = "runlab-budget";
  private static final String KEY = "month";
  static final Duration SHARED_FRESH = Duration.ofSeconds(30);

  @Inject private SpendQuery spend;
  @Inject private AlertSink alerts;
  @Inject private Event<SpendLevelChanged> changes;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  private MetricRegistry metrics;

  @Inject private AppConfig config;
  @Inject private Background background;
  @Inject private ClusterMaps cluster;
  @Inject private Event<BudgetStageChanged> stageChanges;

  @Inject private BudgetLimits limits;

  private BudgetSettings settings;
  private Pricing pricing;

  private volatile SpendLevel level = SpendLevel.NORMAL;
  private volatile BigDecimal spent = BigDecimal.ZERO;
  private volatile BigDecimal e2bSpent = BigDecimal.ZERO;
  private volatile Instant computedAt;
  /**
   * The month's local sandbox cost: runs created over an hour ago have long ended and been
   * written, so their sum is kept (redone every ten minutes) and each recompute adds only the
   * runs since, a range of the created_at index instead of the whole month's ledger.
   */
  private final SettledSum localSpend =
      new SettledSum((from, to) -> spend.localCost(from, to), Duration.ofHours(1), Duration.ofMinutes(10));
  /**
   * The month's ended E2B leases, kept the same way: a lease's price is fixed when it ends. A lease
   * closed after the fact (Runlab was down when its sandbox died) can end over an hour back; the
   * month's sum then misses it until the next resettle, at most ten minutes, having counted it as
   * open (at a higher estimate) until then.
   */
  private final SettledSum endedLeaseSpend =
      new SettledSum((from, to) -> spend.endedLeaseCost(from, to), Duration.ofHours(1), Duration.ofMinutes(10));
  /** Whether the sandbox_lease table exists; once it does, it stays (no need to ask every 10 s). */
  private volatile boolean leasesSeen;
  @PostConstruct
  void init() {
    settings = BudgetSettings.from(config.get());
    pricing = Pricing.from(config.get());
    try {
      limits.reload(false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the budget an admin set; using the configured one for now", e);
    }
    metrics.gauge("runlab_budget_spent_usd", () -> spent.doubleValue());
    metrics.gauge("runlab_budget_monthly_usd", () -> monthlyUsd().doubleValue());
    metrics.gauge("runlab_budget_hard_cap_usd", () -> hardCapUsd().doubleValue());
    metrics.gauge("runlab_budget_stage", () -> level.ordinal());
    recompute();
    background.every("budget", Duration.ofSeconds(10), this::tick);
  }

  /**
   * Every ten seconds: the budget an admin set, then this month's spending, computed by one member
   * of the cluster (the one holding the "budget" lease) and read by the others from the shared map;
   * a member whose leader's figure is older than {@link #SHARED_FRESH} computes its own.
   */
  void tick() {
    reloadLimits();
    if (background.leads(JOB, LEAD)) {
      recompute();
      publish();
    } else if (!adopt()) {
      recompute();
    }
  }

  /** The budget an admin set may have moved on another member without this one hearing of it. */
  private void reloadLimits() {
    try {
      limits.reload();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the budget an admin set; keeping " + limits.current(), e);
    }
  }

  /** An admin set the budget or hard cap (here or on another member): the stage follows at once. */
  public void limitsChanged(@Observes BudgetLimitsChanged change) {
    recompute();
  }

  /** Computes the month's spending and level now. */
  public synchronized void recompute() {
    try {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      OffsetDateTime monthStart = YearMonth.from(now).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
      OffsetDateTime end = now.plusSeconds(1);
      BigDecimal local = localSpend.over(monthStart, end);
      BigDecimal e2b = leases()
          ? endedLeaseSpend.over(monthStart, end).add(spend.openLeasesCost(end, pricing))
          : BigDecimal.ZERO;
      apply(local.add(e2b), e2b, now.toInstant(), true);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not compute this month's spending; keeping level " + level, e);
    }
  }

  /** Takes {@code total} as the month's spending: the level follows, with its events and alerts. */
  private synchronized void apply(BigDecimal total, BigDecimal e2b, Instant at, boolean alert) {
    BigDecimal monthly = monthlyUsd();
    SpendLevel next = SpendLevel.of(total, monthly, hardCapUsd());
    SpendLevel before = level;
    spent = total;
    e2bSpent = e2b;
    level = next;
    computedAt = at;
    if (next != before) {
      LOG.info("Budget level " + before + " -> " + next + " at " + total + " of " + monthly + " USD");
      changes.fire(new SpendLevelChanged(before, next, total, monthly));
      if (next.selectionStage() != before.selectionStage()) {
        stageChanges.fire(new BudgetStageChanged(before.selectionStage(), next.selectionStage()));
      }
    }
    if (alert && next.compareTo(SpendLevel.ALERT) >= 0) {
      alerts.raise("budget-" + next.name().toLowerCase(), "budget:" + YearMonth.from(at.atOffset(ZoneOffset.UTC))
          + ":" + next, describe(next, total));
    }
  }

  /** Hands the month's spending to the other members. */
  private void publish() {
    Instant at = computedAt;
    if (at == null) {
      return;
    }
    try {
      shared().update(KEY, new SharedSpend.Put(SharedSpend.format(spent, e2bSpent, at)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not hand this month's spending to the other members", e);
    }
  }

  /** Takes the leader's figure when it is fresh; false when there is none to take. */
  private boolean adopt() {
    try {
      Optional<SharedSpend> figure = SharedSpend.parse(shared().get(KEY));
      if (figure.isEmpty() || figure.get().at().isBefore(Instant.now().minus(SHARED_FRESH))) {
        return false;
      }
      apply(figure.get().total(), figure.get().e2b(), figure.get().at(), false);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not read the month's spending from the cluster; computing it here", e);
      return false;
    }
  }

  private SharedMap shared() {
    return cluster.map(SHARED, null);
  }

  private String describe(SpendLevel l, BigDecimal total) {
    BigDecimal monthly = monthlyUsd();
    String share = monthly.signum() > 0
        ? total.multiply(BigDecimal.valueOf(100)).divide(monthly, 0, RoundingMode.DOWN) + "% of the monthly budget"
        : "no monthly budget";
    String what = switch (l) {
      case NORMAL, ALERT -> "nothing is switched off yet.";
      case RESTRICTED -> "FREE and ANONYMOUS runs no longer use E2B and the warm pool shrinks to its minimum.";
      case OVER -> "E2B is for PAID runs only, each capped at " + settings.paidRunCostCapUsd() + " USD.";
      case HARD_CAP -> "the hard cap of " + hardCapUsd() + " USD is reached: E2B is off.";
    };
    return "Spent " + Pricing.forDisplay(total) + " USD this month (" + share + "); " + what;
  }

  private boolean leases() {
    if (!leasesSeen) {
      leasesSeen = spend.leasesExist();
    }
    return leasesSeen;
  }

  public SpendLevel level() {
    return level;
  }

  public BudgetStage selectionStage() {
    return level.selectionStage();
  }

  public BigDecimal spentUsd() {
    return spent;
  }

  public BigDecimal e2bSpentUsd() {
    return e2bSpent;
  }

  /** The monthly budget in force: an admin's, else {@code runlab.budget.monthly-usd}. */
  public BigDecimal monthlyUsd() {
    return limits.monthlyUsd();
  }

  /** The hard cap in force: an admin's, else {@code runlab.budget.hard-cap-usd}. */
  public BigDecimal hardCapUsd() {
    return limits.hardCapUsd();
  }

  public Optional<Instant> computedAt() {
    return Optional.ofNullable(computedAt);
  }

  /**
   * Over budget, a PAID run on E2B gets at most the wall time its cost cap buys in a sandbox of
   * {@code size}; empty when no cap applies.
   */
  static Optional<Duration> e2bWallCap(SpendLevel level, Tier tier, BigDecimal costCap, Pricing pricing,
      SandboxSize size) {
    if (level != SpendLevel.OVER || tier != Tier.PAID) {
      return Optional.empty();
    }
    long seconds = pricing.e2bSecondsFor(costCap, size.vcpus(), size.memoryMb());
    return seconds == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
  }
}
