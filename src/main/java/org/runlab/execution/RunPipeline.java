package org.runlab.execution;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.runlab.account.Tier;
import org.runlab.cost.JpaLeaseRecorder;
import org.runlab.cost.LeaseStore;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.e2b.LeaseCost;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

/**
 * Queues server runs per engine (bounded concurrency, first come first served), runs them,
 * streams their events, retries an infrastructure failure once on another server engine, and
 * records every outcome in the ledger.
 */
@ApplicationScoped
public class RunPipeline {
  private static final Logger LOG = Logger.getLogger(RunPipeline.class.getName());
  private static final long KEEP_FINISHED_MILLIS = 10 * 60 * 1000;

  @Inject private EngineRegistry engines;
  @Inject private UsageLedger ledger;
  @Inject private RunMetrics metrics;
  @Inject private JpaLeaseRecorder leaseRecorder;
  @Inject private LeaseStore leases;
  @Inject private E2bProducer e2b;

  @Resource private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "runlab.run.concurrency", defaultValue = "4")
  private int concurrency;

  @Inject
  @ConfigProperty(name = "runlab.cost.local-cpu-second-usd", defaultValue = "0.00002")
  private BigDecimal localCpuSecondUsd;

  private final Map<String, EngineLane> lanes = new ConcurrentHashMap<>();
  private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();
  private final Map<UUID, Tier> tiers = new ConcurrentHashMap<>();

  /** Queues {@code run} for its engine; its events tell its position, start and result. */
  public void submit(LiveRun run, Tier tier) {
    forgetOldRuns();
    live.put(run.id(), run);
    tiers.put(run.id(), tier);
    lane(run.engine()).add(run);
  }

  public Optional<LiveRun> live(UUID id) {
    return Optional.ofNullable(live.get(id));
  }

  /** Cancels a waiting or running run; it ends as CANCELLED (a finished run stays as it was). */
  public void cancel(LiveRun run) {
    if (lane(run.engine()).remove(run)) {
      RunResult cancelled = new RunResult(run.engine(), Verdict.CANCELLED, null, "", false, "", false,
          0, 0, 0, List.of(), List.of("Stopped before it started."));
      complete(run, cancelled);
    } else {
      run.cancellation().cancel();
    }
  }

  private EngineLane lane(String engine) {
    return lanes.computeIfAbsent(engine, name -> {
      EngineLane lane = new EngineLane(name, concurrency, threads, this::execute);
      metrics.queue(name, lane::depth);
      return lane;
    });
  }

  private void execute(LiveRun run) {
    if (run.cancellation().isCancelled()) {
      return;
    }
    RunResult result = runOn(run, run.engine());
    if (result.verdict() == Verdict.ENGINE_ERROR && !run.cancellation().isCancelled()) {
      Optional<Engine> other = engines.serverEngines().values().stream()
          .filter(e -> !e.name().equals(run.engine()) && e.availability().available())
          .findFirst();
      if (other.isPresent()) {
        run.notice("The " + run.engine() + " sandbox failed (" + String.join("; ", result.notices())
            + "); trying " + other.get().name() + " once.");
        result = runOn(run, other.get().name());
      }
    }
    complete(run, result);
  }

  private RunResult runOn(LiveRun run, String engineName) {
    run.started(engineName);
    try {
      Engine engine = engines.get(engineName)
          .orElseThrow(() -> new IllegalStateException("no engine " + engineName));
      return engine.run(run.spec(), run, run.cancellation());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Engine " + engineName + " failed on run " + run.id(), e);
      return RunResult.engineError(engineName, "The " + engineName + " sandbox failed: " + e.getMessage());
    }
  }

  private void complete(LiveRun run, RunResult result) {
    run.result(result);
    UUID lease = leaseRecorder.takeLeaseOf(run.spec()).orElse(null);
    BigDecimal cost = cost(result, lease);
    run.finish(RunView.of(run.id(), result, run.reasons()));
    try {
      run.recorded().join();
      ledger.finished(run.id(), RunOutcome.of(result, cost, lease), run.startedAt());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not record the end of run " + run.id(), e);
    }
    Tier tier = tiers.getOrDefault(run.id(), Tier.ANONYMOUS);
    metrics.finished(result.engine(), tier.name(), result.verdict().name(), result.wallTimeMs());
  }

  /** Local runs cost their CPU seconds; E2B runs their wall seconds at their sandbox's rate. */
  private BigDecimal cost(RunResult r, UUID lease) {
    if ("e2b".equals(r.engine()) && lease != null) {
      return leases.find(lease)
          .map(l -> LeaseCost.of((r.wallTimeMs() + 999) / 1000, l.getVcpus(), l.getMemoryMb(),
              e2b.settings().priceVcpuSecond(), e2b.settings().priceGibSecond()))
          .orElse(BigDecimal.ZERO);
    }
    if (!"local".equals(r.engine())) {
      return BigDecimal.ZERO;
    }
    return localCpuSecondUsd
        .multiply(BigDecimal.valueOf(r.cpuTimeMs()))
        .divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP);
  }

  private void forgetOldRuns() {
    if (live.size() < 256) {
      return;
    }
    long cutoff = System.currentTimeMillis() - KEEP_FINISHED_MILLIS;
    live.values().removeIf(r -> {
      boolean old = r.state() == RunState.FINISHED && r.finishedAtMillis() < cutoff;
      if (old) {
        tiers.remove(r.id());
      }
      return old;
    });
  }

  /** Runs waiting for {@code engine}. */
  public int depth(String engine) {
    EngineLane lane = lanes.get(engine);
    return lane == null ? 0 : lane.depth();
  }

  @PreDestroy
  void stop() {
    lanes.values().forEach(EngineLane::stop);
    live.values().forEach(r -> r.cancellation().cancel());
  }
}
