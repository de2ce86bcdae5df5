package org.runlab.execution;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.runlab.account.Tier;
import org.runlab.budget.LeaseLedger;
import org.runlab.budget.LeaseStore;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.engine.e2b.LeaseCost;
import org.runlab.platform.background.Background;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaService;
import org.runlab.quota.QuotaTicket;

/**
 * Queues server runs per engine (bounded concurrency, in tier priority with slots kept for PAID,
 * each learner's runs within their concurrency), runs them, streams their events, retries an
 * infrastructure failure once on another server engine, records every outcome in the ledger, and
 * gives a run's quota back when an engine could not run it.
 */
@ApplicationScoped
public class RunPipeline {
  private static final Logger LOG = Logger.getLogger(RunPipeline.class.getName());
  private static final long KEEP_FINISHED_MILLIS = 10 * 60 * 1000;
  private static final long FORGET_EVERY_MILLIS = 5_000;

  @Inject private EngineRegistry engines;
  @Inject private LedgerWriter records;
  @Inject private RunMetrics metrics;
  @Inject private QuotaService quota;
  @Inject private LeaseLedger leaseRecorder;
  @Inject private LeaseStore leases;
  @Inject private E2bProducer e2b;
  @Inject private Background writes;

  @Resource private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "runlab.run.concurrency", defaultValue = "4")
  private int concurrency;

  @Inject
  @ConfigProperty(name = "runlab.cost.local-cpu-second-usd", defaultValue = "0.00002")
  private BigDecimal localCpuSecondUsd;

  @Inject
  @ConfigProperty(name = "runlab.queue.paid-reserved-share", defaultValue = "0.25")
  private double paidReservedShare;

  @Inject
  @ConfigProperty(name = "runlab.queue.aging-seconds", defaultValue = "30")
  private long agingSeconds;

  private final Map<String, EngineLane> lanes = new ConcurrentHashMap<>();
  private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();
  private final AtomicLong lastForget = new AtomicLong();

  /**
   * Queues {@code run} for its engine; its events tell its position, start and result. The
   * ticket (null: no quota) holds the learner's concurrency and what to give back.
   */
  public void submit(LiveRun run, Tier tier, QuotaTicket ticket) {
    submit(run, tier, ticket, false);
  }

  /**
   * The same; when {@code callerWaits} (it only waits for the result) and the run may start at
   * once, it runs on the caller's thread and has finished when this returns.
   */
  public void submit(LiveRun run, Tier tier, QuotaTicket ticket, boolean callerWaits) {
    forgetOldRuns();
    run.admitted(tier, ticket);
    live.put(run.id(), run);
    EngineLane lane = lane(run.engine());
    if (callerWaits && lane.runHere(run, tier)) {
      return;
    }
    lane.add(run, tier, ticket == null ? null : ticket.maxQueueWait());
  }

  /** How long a new run of {@code tier} would wait for {@code engine}, from the recent run times. */
  public Duration estimatedWait(String engine, Tier tier) {
    return lane(engine).estimatedWait(tier);
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
      EngineLane lane = new EngineLane(name, concurrency, paidReservedShare, Duration.ofSeconds(agingSeconds),
          threads, this::execute, this::mayStart, this::waitedTooLong);
      metrics.queue(name, lane::depth);
      return lane;
    });
  }

  private boolean mayStart(LiveRun run) {
    QuotaTicket t = run.ticket();
    return t == null || quota.tryStart(t, run.id().toString());
  }

  private void waitedTooLong(LiveRun run) {
    Tier tier = run.tier();
    QuotaTicket t = run.ticket();
    long seconds = t == null ? 0 : t.maxQueueWait().toSeconds();
    complete(run, RunResult.refused(run.engine(), QuotaDecision.busy(tier, seconds, "yours has waited that long")));
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
    settleQuota(run, result, cost);
    run.finish(RunView.of(run.id(), result, run.reasons()));
    // The record's end is written behind the answer, with the record or after it.
    records.ended(run, RunOutcome.of(result, cost, lease));
    Tier tier = run.tier();
    metrics.finished(result.engine(), tier.name(), result.verdict().name(), result.wallTimeMs());
  }

  /**
   * Gives an engine refusal's or breakdown's quota back (before the answer, so a retry finds it),
   * counts the run's use, and ends its concurrency slot behind the answer (one cluster call the
   * learner need not wait for), then wakes the lanes: one of their runs may start now.
   */
  private void settleQuota(LiveRun run, RunResult result, BigDecimal cost) {
    QuotaTicket t = run.takeTicket();
    if (t == null) {
      return;
    }
    try {
      if (result.verdict() == Verdict.ENGINE_ERROR || result.verdict() == Verdict.REFUSED) {
        quota.refund(t);
      }
      quota.used(t, result.cpuTimeMs(), cost);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not settle the quota of run " + run.id(), e);
    }
    writes.soon(() -> {
      try {
        quota.ended(t, run.id().toString());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not end the concurrency slot of run " + run.id()
            + "; it lapses with its lease", e);
      }
      lanes.values().forEach(EngineLane::wake);
    });
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

  /** Drops runs finished long ago, looking through them at most once every few seconds. */
  private void forgetOldRuns() {
    long now = System.currentTimeMillis();
    long last = lastForget.get();
    if (live.size() < 256 || now - last < FORGET_EVERY_MILLIS || !lastForget.compareAndSet(last, now)) {
      return;
    }
    long cutoff = now - KEEP_FINISHED_MILLIS;
    live.values().removeIf(r -> r.state() == RunState.FINISHED && r.finishedAtMillis() < cutoff);
  }

  @PreDestroy
  void stop() {
    lanes.values().forEach(EngineLane::stop);
    live.values().forEach(r -> r.cancellation().cancel());
  }
}
