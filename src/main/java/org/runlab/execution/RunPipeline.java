package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.account.Tier;
import org.runlab.budget.BudgetPolicy;
import org.runlab.budget.RunCosts;
import org.runlab.course.ProgressService;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.Limits;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaService;
import org.runlab.quota.QuotaTicket;

/**
 * The second half of a server run's way, after admission: enqueue on its engine's lane (bounded
 * concurrency, tier priority with slots kept for PAID, each learner within their concurrency),
 * run, fail over by the one {@link Failover} policy, settle (quota given back when no engine
 * could run it, usage and cost counted), and record the end in the ledger.
 */
@ApplicationScoped
public class RunPipeline {
  private static final Logger LOG = Logger.getLogger(RunPipeline.class.getName());
  private static final long KEEP_FINISHED_MILLIS = 10 * 60 * 1000;
  private static final long FORGET_EVERY_MILLIS = 5_000;

  @Inject private EngineRegistry engines;
  @Inject private Failover failover;
  @Inject private LedgerWriter ledger;
  @Inject private RunMetrics metrics;
  @Inject private QuotaService quota;
  @Inject private RunCosts costs;
  @Inject private BudgetPolicy budget;
  @Inject private Background background;
  @Inject private AppConfig config;
  @Inject private ProgressService progress;

  @Resource private ManagedThreadFactory threads;

  private LaneSettings settings;
  private final Map<EngineId, EngineLane> lanes = new ConcurrentHashMap<>();
  private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();
  private final AtomicLong lastForget = new AtomicLong();

  @PostConstruct
  void init() {
    settings = LaneSettings.from(config.get());
    background.every("renew-run-slots", QuotaService.SLOT_RENEWAL, this::renewSlots);
  }

  /** Keeps the concurrency slots of the runs running here (a dead member's lapse on their own). */
  private void renewSlots() {
    for (LiveRun run : liveRuns()) {
      QuotaTicket t = run.ticket();
      if (t != null && run.state() == RunState.RUNNING && !quota.renew(t, run.id().toString())) {
        LOG.fine("The concurrency slot of run " + run.id() + " had lapsed");
      }
    }
  }

  /**
   * Enqueues {@code run} on its engine; its events tell its position, start and result. The
   * ticket (null: no quota) holds the learner's concurrency and what to give back. When
   * {@code callerWaits} (it only waits for the result) and the run may start at once, it runs on
   * the caller's thread and has finished when this returns.
   */
  void submit(LiveRun run, Tier tier, QuotaTicket ticket, boolean callerWaits) {
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
  Duration estimatedWait(EngineId engine, Tier tier) {
    return lane(engine).estimatedWait(tier);
  }

  Optional<LiveRun> live(UUID id) {
    return Optional.ofNullable(live.get(id));
  }

  /** Cancels a waiting or running run; it ends as CANCELLED (a finished run stays as it was). */
  void cancel(LiveRun run) {
    if (lane(run.engine()).remove(run)) {
      complete(run, RunResult.cancelled(run.engine(), "Stopped before it started."));
    } else {
      run.cancellation().cancel();
    }
  }

  /** Runs queued or running on this member now. */
  java.util.List<LiveRun> liveRuns() {
    return live.values().stream().filter(r -> r.state() != RunState.FINISHED).toList();
  }

  /** Each engine lane's queue on this member: waiting, running, and what a new run would wait. */
  java.util.List<LaneState> laneStates() {
    java.util.List<LaneState> states = new java.util.ArrayList<>();
    for (EngineId id : EngineId.values()) {
      if (!id.onServer()) {
        continue;
      }
      EngineLane lane = lane(id);
      states.add(new LaneState(id.id(), lane.depth(), lane.running(), lane.estimatedWait(Tier.PAID),
          lane.estimatedWait(Tier.FREE), lane.oldestWait()));
    }
    return states;
  }

  private EngineLane lane(EngineId engine) {
    return lanes.computeIfAbsent(engine, id -> {
      EngineLane lane = new EngineLane(id.id(), settings.concurrency(), settings.paidReservedShare(),
          Duration.ofSeconds(settings.agingSeconds()), threads, this::execute, this::mayStart, this::waitedTooLong);
      metrics.queue(id.id(), lane::depth);
      return lane;
    });
  }

  private boolean mayStart(LiveRun run) {
    QuotaTicket t = run.ticket();
    return t == null || quota.tryStart(t, run.id().toString());
  }

  private void waitedTooLong(LiveRun run) {
    QuotaTicket t = run.ticket();
    long seconds = t == null ? 0 : t.maxQueueWait().toSeconds();
    complete(run, RunResult.refused(run.engine(), QuotaDecision.busy(run.tier(), seconds, "yours has waited that long")));
  }

  /** Runs on the admitted engine; if it could not run the program at all, once where failover says. */
  private void execute(LiveRun run) {
    if (run.cancellation().isCancelled()) {
      return;
    }
    RunResult result = runOn(run, run.engine());
    Optional<EngineId> elsewhere = failover.elsewhere(run, result);
    if (elsewhere.isPresent()) {
      String notice = Failover.notice(elsewhere.get(), result);
      run.notice(notice);
      result = runOn(run, elsewhere.get()).withNoticeFirst(notice);
    }
    complete(run, result);
  }

  private RunResult runOn(LiveRun run, EngineId id) {
    run.started(id);
    Optional<Engine> engine = engines.get(id);
    if (engine.isEmpty()) {
      LOG.severe("Engine " + id + " is not part of this installation; run " + run.id() + " cannot go there");
      return RunResult.engineError(id, "that sandbox is not offered here");
    }
    try {
      RunSpec spec = withBudget(run.spec(), id, run.tier());
      run.ranWith(spec.limits());
      return engine.get().run(spec, run, run.cancellation(), run.input());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Engine " + id + " failed on run " + run.id(), e);
      return RunResult.engineError(id, "the sandbox " + id.where() + " failed");
    }
  }

  /** The spec with the wall time the budget allows on {@code engine}, where it caps it. */
  private RunSpec withBudget(RunSpec spec, EngineId engine, Tier tier) {
    Optional<Duration> cap = budget.wallCap(engine, tier);
    Limits limits = spec.limits();
    if (cap.isEmpty() || cap.get().compareTo(limits.wallTime()) >= 0) {
      return spec;
    }
    return spec.withLimits(limits.withWallTime(cap.get()));
  }

  private void complete(LiveRun run, RunResult result) {
    RunCosts.Charge charge = costs.of(result);
    settleQuota(run, result, charge);
    run.finish(RunView.of(run.id(), result, run.reasons(), VerdictWords.of(result.verdict(), result.exitCode(),
        run.ranWith())));
    // The record's end is written behind the answer, with the record or after it.
    ledger.ended(run.id(), RunOutcome.of(result, charge.costUsd(), charge.leaseId())
        .withVerdictText(VerdictWords.of(result.verdict(), result.exitCode(), run.ranWith())), run.startedAt());
    metrics.finished(result.engine().id(), run.tier().name(), result.verdict().name(), result.wallTimeMs());
    if (run.lessonSlug() != null && result.verdict() == Verdict.OK
        && (result.exitCode() == null || result.exitCode() == 0)) {
      completedLesson(background, progress, run.ownerKey(), run.lessonSlug());
    }
  }

  /** Marks the lesson completed behind the answer; a failure costs the mark, never the run. */
  static void completedLesson(Background background, ProgressService progress, String owner, String lesson) {
    background.soon(() -> {
      try {
        progress.completed(owner, lesson);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not mark lesson " + lesson + " completed", e);
      }
    });
  }

  /**
   * Gives an engine refusal's or breakdown's quota back (before the answer, so a retry finds it),
   * counts the run's use, and ends its concurrency slot behind the answer (one cluster call the
   * learner need not wait for), then wakes the lanes: one of their runs may start now.
   */
  private void settleQuota(LiveRun run, RunResult result, RunCosts.Charge charge) {
    QuotaTicket t = run.takeTicket();
    if (t == null) {
      return;
    }
    try {
      if (result.verdict() == Verdict.ENGINE_ERROR || result.verdict() == Verdict.REFUSED) {
        quota.refund(t);
      }
      quota.used(t, result.cpuTimeMs(), charge.costUsd());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not settle the quota of run " + run.id(), e);
    }
    background.soon(() -> {
      try {
        quota.ended(t, run.id().toString());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not end the concurrency slot of run " + run.id()
            + "; it lapses with its lease", e);
      }
      lanes.values().forEach(EngineLane::wake);
    });
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
