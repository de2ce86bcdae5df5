package org.runlab.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.runlab.budget.BudgetGuard;
import org.runlab.budget.SpendQuery;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.local.LocalEngine;
import org.runlab.engine.local.LocalEngineService;
import org.runlab.execution.LaneState;
import org.runlab.execution.RunSearch;
import org.runlab.execution.RunStopper;
import org.runlab.platform.alert.Alert;
import org.runlab.platform.alert.AlertSink;
import org.runlab.platform.cluster.ClusterMembers;

/**
 * The console's first page, polled every five seconds: runs per engine and verdict, the queues,
 * the sandboxes, spending against the budget, alerts and anomalies, and component health in words.
 * Each poll reads indexed ranges only (runs of the last day by created_at, the newest alerts).
 */
@Named
@RequestScoped
public class OverviewPage {
  @Inject private RunSearch runs;
  @Inject private RunStopper stopper;
  @Inject private LocalEngineService local;
  @Inject private E2bProducer e2b;
  @Inject private BudgetGuard budget;
  @Inject private SpendQuery spend;
  @Inject private AlertSink alerts;
  @Inject private ClusterMembers members;
  @Inject @Readiness @Any private Instance<HealthCheck> checks;

  private Map<String, Map<String, Long>> lastHour;
  private Map<String, Map<String, Long>> lastDay;

  /** One line of component health, in words. */
  public record Health(String component, boolean up, String words) {}

  public String getRunsChart() {
    return chart("Runs in the last hour", lastHour());
  }

  public String getRunsDayChart() {
    return chart("Runs in the last 24 hours", lastDay());
  }

  private static String chart(String title, Map<String, Map<String, Long>> counts) {
    Map<String, Map<String, Long>> byVerdict = new TreeMap<>();
    counts.forEach((engine, verdicts) -> verdicts.forEach((v, n) ->
        byVerdict.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(engine, n)));
    List<String> engines = new ArrayList<>(new TreeMap<>(counts).keySet());
    return Charts.stackedBars(title, engines, byVerdict, "runs");
  }

  /** "local: 12 (OK 10, RUNTIME_ERROR 2)" per engine. */
  public List<String> getRunsInWords() {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(lastDay()).forEach((engine, verdicts) -> {
      long hour = lastHour().getOrDefault(engine, Map.of()).values().stream().mapToLong(Long::longValue).sum();
      long day = verdicts.values().stream().mapToLong(Long::longValue).sum();
      lines.add(engine + ": " + hour + " in the last hour, " + day + " in 24 h (" + new TreeMap<>(verdicts)
          .toString().replaceAll("[{}]", "").replace("=", " ") + ")");
    });
    return lines;
  }

  private Map<String, Map<String, Long>> lastHour() {
    if (lastHour == null) {
      lastHour = runs.countsByEngineAndVerdict(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
    }
    return lastHour;
  }

  private Map<String, Map<String, Long>> lastDay() {
    if (lastDay == null) {
      lastDay = runs.countsByEngineAndVerdict(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
    }
    return lastDay;
  }

  /** One cluster member for the console: address, since when, state in words, when it left. */
  public record MemberLine(String address, OffsetDateTime since, String state, OffsetDateTime leftAt) {}

  /** The cluster's members (this one first), then those that left within the hour. */
  public List<MemberLine> getMembers() {
    return members.members().stream().map(m -> new MemberLine(m.address(), utc(m.since()), m.state().words(),
        m.leftAt() == null ? null : utc(m.leftAt()))).toList();
  }

  private static OffsetDateTime utc(java.time.Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  public List<LaneState> getLanes() {
    return stopper.lanesHere();
  }

  public List<LocalEngine.PoolState> getLocalPools() {
    return local.engine().pools();
  }

  public int getLocalRunning() {
    return local.engine().activeRuns().size();
  }

  public boolean isE2bConfigured() {
    return e2b.settings().configured();
  }

  public int getE2bWarm() {
    return isE2bConfigured() ? e2b.pool().warmCount() : 0;
  }

  public int getE2bSessions() {
    return isE2bConfigured() ? e2b.pool().sessionCount() : 0;
  }

  public int getE2bTotal() {
    return isE2bConfigured() ? e2b.pool().live() : 0;
  }

  public BudgetGuard getBudget() {
    return budget;
  }

  public String getStage() {
    return switch (budget.level()) {
      case NORMAL -> "Normal: nothing is switched off.";
      case ALERT -> "Alert: 80% of the budget is spent; nothing is switched off yet.";
      case RESTRICTED -> "Restricted: FREE and visitors no longer use E2B; the warm pool is at its minimum.";
      case OVER -> "Over budget: E2B is for PAID runs only, each capped.";
      case HARD_CAP -> "Hard cap reached: E2B is off for everyone.";
    };
  }

  public BigDecimal getSpentToday() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime day = now.truncatedTo(ChronoUnit.DAYS);
    BigDecimal total = spend.localCost(day, now.plusSeconds(1));
    if (spend.leasesExist()) {
      total = total.add(spend.endedLeaseCost(day, now.plusSeconds(1)));
    }
    return total;
  }

  public List<Alert> getAlerts() {
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
    return alerts.latest(10).stream().filter(a -> a.getRaisedAt().isAfter(since)).toList();
  }

  public long getOpenAnomalies() {
    return getAlerts().stream().filter(a -> a.getKind().startsWith("anomaly")).count();
  }

  public List<Health> getHealth() {
    List<Health> list = new ArrayList<>();
    for (HealthCheck check : checks) {
      try {
        HealthCheckResponse r = check.call();
        boolean up = r.getStatus() == HealthCheckResponse.Status.UP;
        Map<String, Object> data = new TreeMap<>(r.getData().orElse(Map.of()));
        list.add(new Health(r.getName(), up, words(r.getName(), up, data)));
      } catch (RuntimeException e) {
        list.add(new Health(check.getClass().getSimpleName(), false, "The check itself failed: " + e.getMessage()));
      }
    }
    list.sort(Comparator.comparing(Health::component));
    return list;
  }

  static String words(String name, boolean up, Map<String, Object> data) {
    if (name.equals("database")) {
      return up ? "The database answers (" + data.getOrDefault("product", "") + ", schema version "
          + data.getOrDefault("schemaVersion", "?") + ")." : "The database does not answer: " + data.get("error");
    }
    if (name.equals("engines")) {
      List<String> parts = new ArrayList<>();
      data.forEach((engine, state) -> parts.add("the " + engine + " engine is " + state));
      return parts.isEmpty() ? "No engine reports." : String.join("; ", parts) + ".";
    }
    List<String> parts = new ArrayList<>();
    data.forEach((k, v) -> parts.add(k + " " + v));
    return (up ? "Working" : "Not working") + (parts.isEmpty() ? "." : ": " + String.join(", ", parts) + ".");
  }
}
