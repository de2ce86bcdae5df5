package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.runlab.account.Identity;
import org.runlab.course.CourseCatalog;
import org.runlab.engine.Availability;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.selection.Decision;
import org.runlab.engine.selection.ReasonCode;
import org.runlab.engine.selection.SelectionContext;
import org.runlab.engine.selection.SelectionService;
import java.time.Duration;
import org.runlab.engine.Limits;
import org.runlab.engine.ProjectLimits;
import org.runlab.budget.BudgetGuard;
import org.runlab.budget.LatestSpendLevel;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaExceededException;
import org.runlab.quota.QuotaService;
import org.runlab.quota.RequestQuota;
import org.runlab.limits.TierLimits;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.platform.errors.NotPermittedException;
import org.runlab.platform.errors.UnavailableException;

/**
 * Admits runs: checks the caller's limits, decides the engine (with the budget's stage), takes a
 * server run from the caller's quota, records, and hands over.
 */
@ApplicationScoped
public class RunService {
  private static final Logger LOG = Logger.getLogger(RunService.class.getName());
  @Inject private SelectionService selection;
  @Inject private QuotaService quota;
  @Inject private BudgetGuard budget;
  @Inject private LatestSpendLevel budgetLevels;
  @Inject private RequestQuota requestQuota;
  @Inject private EngineRegistry engines;
  @Inject private RunLedger ledger;
  @Inject private RunPipeline pipeline;
  @Inject private RunMetrics metrics;
  @Inject private CourseCatalog catalog;
  @Inject private LedgerWriter records;

  @Inject private Config config;

  private RunRequestReader reader;

  @PostConstruct
  void init() {
    reader = new RunRequestReader(ProjectLimits.from(config));
  }

  /** Reads run requests under the configured limits. */
  public RunRequestReader requestReader() {
    return reader;
  }

  public Admission admit(Identity who, RunRequest req) {
    TierLimits limits = quota.limits(who);
    refuseChoiceBeyondTier(limits, req.engine());
    if (req.lessonId() != null && catalog.lesson(req.lessonId()).isEmpty()) {
      throw InvalidInputException.invalid("lessonId", "There is no lesson '" + req.lessonId() + "'.");
    }
    Availability e2b = engines.availability("e2b");
    SelectionContext ctx = new SelectionContext(who.tier().name(), limits.e2bAllowed(), limits.chooseEngine(),
        req.engine(), engines.availability("local").available(), e2b.available(), e2b.reason(),
        budgetLevels.selectionStage(), req.lessonId() == null ? 0 : ledger.browserTimeouts(who.key(), req.lessonId()));
    Decision decision = selection.decide(req.files(), req.entry(), ctx);
    if (req.browserUnavailable() && decision.engine().equals(Decision.BROWSER)) {
      decision = serverInsteadOfBrowser(ctx);
    }
    List<Reason> reasons = decision.reasons().stream().map(r -> new Reason(r.code().name(), r.text())).toList();
    metrics.decided(decision.engine(), decision.primary().code().name());

    UUID id = UUID.randomUUID();
    QuotaService.Grant grant = null;
    String busy = null;
    if (!decision.engine().equals(Decision.BROWSER) && !decision.refused()) {
      Duration wait = pipeline.estimatedWait(decision.engine(), who.tier());
      if (wait.compareTo(limits.maxQueueWait()) > 0) {
        busy = QuotaDecision.busy(who.tier(), limits.maxQueueWait().toSeconds(),
            "this one would wait about " + Math.max(1, wait.toSeconds()) + " s");
      } else {
        grant = quota.acquire(who, limits);
        requestQuota.decided(grant.decision());
        if (!grant.allowed()) {
          throw new QuotaExceededException(grant.decision());
        }
      }
    }
    RunState state = decision.engine().equals(Decision.BROWSER) ? RunState.BROWSER
        : decision.refused() || busy != null ? RunState.FINISHED : RunState.QUEUED;
    RunRecord record = new RunRecord(id, who.key(), who.userId(), who.tier(), who.clientAddress(), req.lessonId(),
        req.engine(), decision.engine(), state, req.files().size(), req.codeBytes(), Reason.toJson(reasons));
    if (state == RunState.QUEUED) {
      Limits runLimits = limits.runLimits();
      if (decision.engine().equals("e2b")) {
        Optional<Duration> cap = budget.e2bWallCap(who.tier());
        if (cap.isPresent() && cap.get().compareTo(runLimits.wallTime()) < 0) {
          runLimits = runLimits.withWallTime(cap.get());
        }
      }
      // A server run starts at once; its record is written beside it and always before its end.
      RunSpec spec = new RunSpec(req.files(), req.entry(), req.stdin(), runLimits, who.key());
      LiveRun run = new LiveRun(id, who.key(), spec, decision.engine(), reasons);
      try {
        records.admitted(record, run);
      } catch (RuntimeException e) {
        // the database has been away long enough that records no longer wait for it
        if (grant != null && grant.ticket() != null) {
          quota.refund(grant.ticket());
        }
        LOG.log(Level.SEVERE, "Could not record run " + id + "; it was not started", e);
        throw new UnavailableException("Runs cannot be recorded right now",
            "Runlab's database is not answering, so your run was not started and not counted."
                + " Please try again in a minute.");
      }
      pipeline.submit(run, who.tier(), grant.ticket(), req.waitForResult());
      return new Admission(RunView.pending(run), run);
    }
    ledger.open(record);
    if (state == RunState.BROWSER) {
      quota.countBrowserRun(who);
      return new Admission(new RunView(id, "browser", RunState.BROWSER, null, null, null, null, false, false,
          0, 0, 0, List.of(), reasons, List.of()), null);
    }
    if (busy != null) {
      RunResult tooBusy = RunResult.refused(decision.engine(), busy);
      ledger.finished(id, RunOutcome.of(tooBusy, null, null));
      return new Admission(RunView.of(id, tooBusy, reasons), null);
    }
    RunResult refused = RunResult.refused("none", decision.explanation());
    ledger.finished(id, RunOutcome.of(refused, null, null));
    if (decision.has(ReasonCode.NO_SERVER)) {
      throw new UnavailableException("No sandbox available", decision.explanation()).with("runId", id.toString());
    }
    return new Admission(RunView.of(id, refused, reasons), null);
  }

  /** Where a browser decision goes when the page cannot run Python: the local sandbox, else E2B. */
  private static Decision serverInsteadOfBrowser(SelectionContext ctx) {
    var why = new org.runlab.engine.selection.Reason(ReasonCode.BROWSER_UNAVAILABLE,
        "Python cannot run in your browser here, so your program runs on Runlab's server.");
    if (ctx.localAvailable()) {
      return new Decision(Decision.LOCAL, List.of(why));
    }
    if (ctx.e2bAvailable() && ctx.tierAllowsE2b()) {
      return new Decision(Decision.E2B, List.of(why));
    }
    return new Decision(Decision.NONE, List.of(new org.runlab.engine.selection.Reason(ReasonCode.NO_SERVER,
        "No server sandbox can take this run right now; please try again in a minute."), why));
  }

  private static void refuseChoiceBeyondTier(TierLimits limits, String engine) {
    boolean server = engine.equals("local") || engine.equals("e2b");
    if (server && !limits.chooseEngine()) {
      throw new NotPermittedException("Engine choice not allowed",
          "Your plan (" + limits.tier() + ") does not let you choose where code runs; send \"engine\":\"auto\""
              + " and Runlab chooses. Paid plans can choose.").with("field", "engine");
    }
    if (engine.equals("e2b") && !limits.e2bAllowed()) {
      throw new NotPermittedException("Cloud sandbox not included",
          "Your plan (" + limits.tier() + ") does not include the cloud sandbox.");
    }
  }

  /** The run if {@code who} started it; someone else's run is as good as absent. */
  public Optional<RunView> view(Identity who, UUID id) {
    Optional<LiveRun> run = live(who, id);
    if (run.isPresent()) {
      return Optional.of(run.get().done().isDone() ? run.get().done().join() : RunView.pending(run.get()));
    }
    return ledger.find(id).filter(r -> r.getOwnerKey().equals(who.key())).map(RunView::of);
  }

  public Optional<LiveRun> live(Identity who, UUID id) {
    return pipeline.live(id).filter(r -> r.ownerKey().equals(who.key()));
  }

  public boolean owns(Identity who, UUID id) {
    return live(who, id).isPresent()
        || ledger.find(id).map(r -> r.getOwnerKey().equals(who.key())).orElse(false);
  }

  public void cancel(LiveRun run) {
    pipeline.cancel(run);
  }

  /** Records a browser run's outcome, once. */
  public RunView report(Identity who, UUID id, BrowserReport report) {
    RunRecord record = ledger.find(id).filter(r -> r.getOwnerKey().equals(who.key()))
        .orElseThrow(RunService::noSuchRun);
    if (!"browser".equals(record.getEngine())) {
      throw new ConflictException("Not a browser run", "Only runs decided for the browser take reports.");
    }
    if (record.getState() != RunState.BROWSER) {
      throw new ConflictException("Already reported", "This run's outcome was already reported.");
    }
    ledger.finished(id, report.outcome());
    metrics.finished("browser", record.getTier().name(), report.verdict().name(), report.wallTimeMs());
    return ledger.find(id).map(RunView::of).orElseThrow();
  }

  /** What a caller is told of a run that does not exist or is someone else's. */
  public static NotFoundException noSuchRun() {
    return new NotFoundException("No such run", "There is no run with this id that you started.");
  }

}
