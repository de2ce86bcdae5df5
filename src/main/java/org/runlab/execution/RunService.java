package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.account.Identity;
import org.runlab.budget.BudgetPolicy;
import org.runlab.course.CourseCatalog;
import org.runlab.course.Lesson;
import org.runlab.course.ProgressService;
import org.runlab.engine.Availability;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.EngineRegistry;
import jakarta.json.JsonArrayBuilder;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectLimits;
import org.runlab.platform.JsonFactory;
import org.runlab.engine.Environment;
import org.runlab.engine.RunSpec;
import org.runlab.engine.selection.Decision;
import org.runlab.engine.selection.Reason;
import org.runlab.engine.selection.ReasonCode;
import org.runlab.engine.selection.SelectionContext;
import org.runlab.engine.selection.SelectionService;
import org.runlab.limits.LimitService;
import org.runlab.limits.TierLimits;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.platform.errors.NotPermittedException;
import org.runlab.platform.errors.UnavailableException;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaExceededException;
import org.runlab.quota.QuotaService;
import org.runlab.quota.QuotaTicket;
import org.runlab.quota.RequestQuota;

/**
 * The run API's service. A run's way reads in order: validate, decide, admit, enqueue, then (in
 * the {@link RunPipeline}) run, settle and record. Here: the request is checked against the
 * learner's limits, selection decides where it runs and why, a server run is taken from the
 * learner's quota, recorded in the ledger, and handed to the pipeline.
 */
@ApplicationScoped
public class RunService {
  private static final Logger LOG = Logger.getLogger(RunService.class.getName());
  /** A down local engine looks again at least this often (runlab.local.repair-max-millis by default). */
  private static final long NO_SERVER_RETRY_SECONDS = 30;
  /** What a caller refused because the database is away is told to wait before trying again. */
  static final int RETRY_AFTER_DB_SECONDS = 5;
  @Inject private LimitService limits;
  @Inject private SelectionService selection;
  @Inject private QuotaService quota;
  @Inject private BudgetPolicy budget;
  @Inject private RequestQuota requestQuota;
  @Inject private EngineRegistry engines;
  @Inject private RunLedger ledger;
  @Inject private LedgerWriter ledgerWriter;
  @Inject private RunPipeline pipeline;
  @Inject private RunMetrics metrics;
  @Inject private CourseCatalog catalog;
  @Inject private AppConfig config;
  @Inject private RunCodes codes;
  @Inject private ProgressService progress;
  @Inject private Background background;
  @Inject private RunInstances instances;

  private RunRequestReader reader;
  private InputSettings inputSettings;
  /** Most runs are of a project run before: its code is stored already. */
  private final KeptCodes keptCodes = new KeptCodes(10_000);

  @PostConstruct
  void init() {
    reader = new RunRequestReader(ProjectLimits.from(config.get()));
    inputSettings = InputSettings.from(config.get());
  }

  /** Reads run requests under the configured limits (validate, the first step). */
  public RunRequestReader requestReader() {
    return reader;
  }

  /** Decides where {@code req} runs and admits it there: the first half of a run's way. */
  public Admission admit(Identity who, RunRequest req) {
    TierLimits limit = limits.limits(who);
    checkAgainstTier(req, limit);
    Optional<Lesson> lesson = lessonOf(req);
    SelectionContext context = contextOf(who, limit, req);
    Decision decision = decide(req, context);
    UUID id = UUID.randomUUID();
    if (decision.inBrowser()) {
      return inBrowser(id, who, req, decision);
    }
    if (decision.refused()) {
      return nowhere(id, who, req, decision);
    }
    Optional<String> busy = tooBusy(decision.engine(), who, limit);
    if (busy.isPresent()) {
      return tooBusy(id, who, req, decision, busy.get());
    }
    QuotaTicket ticket = takeFromQuota(who, limit);
    RunSpec spec = new RunSpec(req.files(), req.entry(), req.stdin(), limit.runLimits(), who.key(),
        limit.sessionIdleTimeout(), limit.install(), environmentOf(lesson))
        .withTier(who.tier().name().toLowerCase(Locale.ROOT));
    LiveRun run = new LiveRun(id, who.key(), spec, decision.engine(), decision.reasons(), context);
    run.forLesson(req.lessonId());
    if (req.interactive()) {
      run.takesInput(inputSettings);
    }
    recordAdmission(run, record(id, who, req, decision, RunState.QUEUED).takenBy(instances.name()), ticket);
    pipeline.submit(run, who.tier(), ticket, req.waitForResult());
    return new Admission(RunView.pending(run), run);
  }

  /** The run's lesson, looked up once per run; a lesson id that names none is bad input. */
  private Optional<Lesson> lessonOf(RunRequest req) {
    if (req.lessonId() == null) {
      return Optional.empty();
    }
    Optional<Lesson> lesson = catalog.lesson(req.lessonId());
    if (lesson.isEmpty()) {
      throw InvalidInputException.invalid("lessonId", "There is no lesson '" + req.lessonId() + "'.");
    }
    return lesson;
  }

  /** The environment an admin attached to the run's lesson, which the engine makes ready; none without. */
  private static Environment environmentOf(Optional<Lesson> lesson) {
    return lesson.map(l -> RunEnvironment.of(l.getEnvironment())).orElse(Environment.NONE);
  }

  /** The request asks only what the learner's tier lets them choose. */
  private void checkAgainstTier(RunRequest req, TierLimits limit) {
    boolean server = EngineId.of(req.engine()).map(EngineId::onServer).orElse(false);
    if (server && !limit.chooseEngine()) {
      throw new NotPermittedException("Engine choice not allowed",
          "Your plan (" + limit.tier() + ") does not let you choose where code runs; send \"engine\":\"auto\""
              + " and Runlab chooses. Paid plans can choose.").with("field", "engine");
    }
    if (req.engine().equals(EngineId.E2B.id()) && !limit.e2bAllowed()) {
      throw new NotPermittedException("Cloud sandbox not included",
          "Your plan (" + limit.tier() + ") does not include the cloud sandbox.");
    }
  }

  /** What selection knows beside the code: the tier's rights, the engines' state, the budget. */
  private SelectionContext contextOf(Identity who, TierLimits limit, RunRequest req) {
    Availability e2b = engines.availability(EngineId.E2B);
    int timeouts = req.lessonId() == null ? 0 : ledger.browserTimeouts(who.key(), req.lessonId());
    return new SelectionContext(who.tier().name(), limit.e2bAllowed(), limit.chooseEngine(), req.engine(),
        engines.availability(EngineId.LOCAL).available(), e2b.available(), e2b.reason(),
        budget.selectionStage(), timeouts,
        limit.install().allowed() && engines.get(EngineId.LOCAL).map(Engine::installsRequirements).orElse(false));
  }

  private Decision decide(RunRequest req, SelectionContext context) {
    Decision decision = selection.decide(req.files(), req.entry(), context);
    if (req.browserUnavailable() && decision.inBrowser()) {
      decision = serverInsteadOfBrowser(context);
    }
    metrics.decided(decision.engineName(), decision.primary().code().name());
    return decision;
  }

  /** Where a browser decision goes when the page cannot run Python: the local sandbox, else E2B. */
  private static Decision serverInsteadOfBrowser(SelectionContext ctx) {
    Reason why = new Reason(ReasonCode.BROWSER_UNAVAILABLE,
        "Python cannot run in your browser here, so your program runs on Runlab's server.");
    if (ctx.localAvailable()) {
      return new Decision(EngineId.LOCAL, List.of(why));
    }
    if (ctx.e2bAvailable() && ctx.tierAllowsE2b()) {
      return new Decision(EngineId.E2B, List.of(why));
    }
    return Decision.nowhere(List.of(new Reason(ReasonCode.NO_SERVER,
        "No server sandbox can take this run right now; please try again in a minute."), why));
  }

  private Admission inBrowser(UUID id, Identity who, RunRequest req, Decision decision) {
    ledger.open(record(id, who, req, decision, RunState.BROWSER));
    quota.countBrowserRun(who);
    return new Admission(RunView.inBrowser(id, decision.reasons()), null);
  }

  /** A run that goes nowhere is recorded as refused; with no server to take it, a 503. */
  private Admission nowhere(UUID id, Identity who, RunRequest req, Decision decision) {
    ledger.open(record(id, who, req, decision, RunState.FINISHED));
    RunView refused = RunView.nowhere(id, Decision.NOWHERE, decision.reasons(), List.of(decision.explanation()));
    ledger.finished(id, RunOutcome.of(refused));
    if (decision.has(ReasonCode.NO_SERVER)) {
      throw noServer(decision).with("runId", id.toString());
    }
    return new Admission(refused, null);
  }

  /**
   * The 503 for a run no server sandbox may take: which engines are down and when to ask again (a
   * down local engine repairs itself with backoff up to half a minute; the reasons say "in a minute").
   */
  private UnavailableException noServer(Decision decision) {
    List<EngineId> down = engines.serverEngines().stream()
        .filter(e -> !e.availability().available()).map(Engine::id).toList();
    String which = down.isEmpty() ? ""
        : " Down now: " + down.stream().map(id -> id == EngineId.E2B ? "the cloud sandbox" : "Runlab's own sandbox")
            .collect(java.util.stream.Collectors.joining(", ")) + ".";
    UnavailableException e = new UnavailableException("No sandbox available", decision.explanation() + which)
        .retryAfter(NO_SERVER_RETRY_SECONDS);
    e.with("enginesDown", String.join(",", down.stream().map(EngineId::id).toList()));
    return e;
  }

  /** Why a server run would wait longer than its tier may for {@code engine}; empty when it need not. */
  private Optional<String> tooBusy(EngineId engine, Identity who, TierLimits limit) {
    Duration wait = pipeline.estimatedWait(engine, who.tier());
    if (wait.compareTo(limit.maxQueueWait()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(QuotaDecision.busy(who.tier(), limit.maxQueueWait().toSeconds(),
        "this one would wait about " + Math.max(1, wait.toSeconds()) + " s"));
  }

  private Admission tooBusy(UUID id, Identity who, RunRequest req, Decision decision, String why) {
    ledger.open(record(id, who, req, decision, RunState.FINISHED));
    RunView refused = RunView.nowhere(id, decision.engineName(), decision.reasons(), List.of(why));
    ledger.finished(id, RunOutcome.of(refused));
    return new Admission(refused, null);
  }

  /** Takes one server run from the learner's windows, or says (429) which window is used up. */
  private QuotaTicket takeFromQuota(Identity who, TierLimits limit) {
    QuotaService.Grant grant = quota.acquire(who, limit);
    requestQuota.decided(grant.decision());
    if (!grant.allowed()) {
      throw new QuotaExceededException(grant.decision());
    }
    return grant.ticket();
  }

  /**
   * The run's record is committed to the ledger before it starts (and so before any answer);
   * when the database refuses it, the run is not started, its quota is given back and the caller
   * is told to try again (503).
   */
  private void recordAdmission(LiveRun run, RunRecord record, QuotaTicket ticket) {
    try {
      ledgerWriter.admitted(record);
    } catch (RuntimeException e) {
      quota.refund(ticket);
      LOG.log(Level.SEVERE, "Could not record run " + run.id() + "; it was not started", e);
      throw new UnavailableException("Runs cannot be recorded right now",
          "Runlab's database is not answering, so your run was not started and not counted."
              + " Please try again in a few seconds.").retryAfter(RETRY_AFTER_DB_SECONDS);
    }
  }

  private RunRecord record(UUID id, Identity who, RunRequest req, Decision decision, RunState state) {
    RunRecord r = new RunRecord(id, who.key(), who.userId(), who.tier(), who.clientAddress(), req.lessonId(),
        req.engine(), decision.engineName(), state, req.files().size(), req.codeBytes(),
        Reasons.toJson(decision.reasons())).withStdin(req.stdin());
    RunCode code = new RunCode(req.files(), req.entry());
    r.codeHash(code.hash());
    keepBehindTheAnswer(code);
    return r;
  }

  /** Stores the run's project for the learner's history; a failure costs the history, not the run. */
  private void keepBehindTheAnswer(RunCode code) {
    if (keptCodes.known(code.hash())) {
      return;
    }
    background.soon(() -> {
      try {
        codes.keep(code);
        keptCodes.kept(code.hash());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not keep the code of a run for its history", e);
      }
    });
  }

  /** Sends what the learner typed to their running program ({@code POST /api/runs/{id}/stdin}). */
  public void sendInput(Identity who, UUID id, RunRequestReader.InputSend send) {
    LiveRun run = live(who, id).orElse(null);
    if (run == null) {
      if (owns(who, id)) {
        throw new ConflictException("Program not reading", "The program has finished, so it takes no more input.");
      }
      throw noSuchRun();
    }
    run.send(send.text(), send.eof(), inputSettings);
  }

  /** Limits on what a learner sends to a running program. */
  public InputSettings inputSettings() {
    return inputSettings;
  }

  /**
   * The learner's recent runs of {@code lessonSlug} (newest first), from the ledger: a signed-in
   * learner's all, a visitor's only those since {@code since} (their browser session's start).
   */
  public List<RunRecord> history(Identity who, String lessonSlug, java.time.OffsetDateTime since, int limit) {
    return ledger.history(who.key(), lessonSlug, who.isAnonymous() ? since : null, limit);
  }

  /** The project a run of {@code who} ran, if it was kept. */
  public Optional<RunCode> code(Identity who, UUID id) {
    RunRecord r = ledger.find(id).filter(x -> x.getOwnerKey().equals(who.key())).orElseThrow(RunService::noSuchRun);
    return codes.find(r.getCodeHash());
  }

  /** The run if {@code who} started it; someone else's run is as good as absent. */
  public Optional<RunView> view(Identity who, UUID id) {
    Optional<LiveRun> run = live(who, id);
    if (run.isPresent()) {
      LiveRun r = run.get();
      if (!r.done().isDone() && r.state() == RunState.FINISHED) {
        try {
          // Finished a moment ago: its result is being set; answer with it, not a result-less view.
          return Optional.of(r.done().get(2, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          return Optional.of(RunView.pending(r));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.of(RunView.pending(r));
        }
      }
      return Optional.of(r.done().isDone() ? r.done().join() : RunView.pending(r));
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
    if (!EngineId.BROWSER.id().equals(record.getEngine())) {
      throw new ConflictException("Not a browser run", "Only runs decided for the browser take reports.");
    }
    if (record.getState() != RunState.BROWSER) {
      throw new ConflictException("Already reported", "This run's outcome was already reported.");
    }
    RunOutcome outcome = report.outcome();
    ledger.finished(id, outcome.withVerdictText(
        VerdictWords.of(outcome.verdict(), outcome.exitCode(), limits.limits(who).runLimits())));
    metrics.finished(EngineId.BROWSER.id(), record.getTier().name(), report.verdict().name(), report.wallTimeMs());
    if (record.getLessonSlug() != null && outcome.verdict() == org.runlab.engine.Verdict.OK
        && (outcome.exitCode() == null || outcome.exitCode() == 0)) {
      RunPipeline.completedLesson(background, progress, who.key(), record.getLessonSlug());
    }
    return ledger.find(id).map(RunView::of).orElseThrow();
  }

  /** What a caller is told of a run that does not exist or is someone else's. */
  public static NotFoundException noSuchRun() {
    return new NotFoundException("No such run", "There is no run with this id that you started.");
  }
}
