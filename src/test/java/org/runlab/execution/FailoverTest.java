package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Availability;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.engine.selection.CodeProfiler;
import org.runlab.engine.selection.EngineSelector;
import org.runlab.engine.selection.PyodideCatalog;
import org.runlab.engine.selection.SelectionContext;
import org.runlab.engine.selection.SelectionSettings;
import org.runlab.platform.TestConfig;

/** The one failover policy: selection asked again, never beyond the tier's rights or the budget. */
class FailoverTest {
  private static final EngineSelector SELECTOR =
      new EngineSelector(PyodideCatalog.fromClasspath(), SelectionSettings.from(TestConfig.defaults()));
  private static final CodeProfiler PROFILER = new CodeProfiler();
  /** Threads need a server: this program never runs in the browser. */
  private static final List<ProjectFile> THREADS =
      List.of(new ProjectFile("main.py", "import threading\nprint(threading.active_count())\n"));

  private BudgetStage stage = BudgetStage.NORMAL;
  private final Failover failover = new Failover((files, entry, ctx) -> SELECTOR.decide(PROFILER.profile(files, entry), ctx),
      id -> Availability.up(), () -> stage);

  private static LiveRun run(EngineId on, SelectionContext context) {
    RunSpec spec = new RunSpec(THREADS, "main.py", "", Limits.defaults(), "learner", Duration.ZERO);
    return new LiveRun(UUID.randomUUID(), "learner", spec, on, List.of(), context);
  }

  private static SelectionContext anonymous() {
    return new SelectionContext("ANONYMOUS", false, false, "auto", true, true, null, BudgetStage.NORMAL, 0);
  }

  @Test
  void aFreeRunWhoseLocalSandboxFailsIsNeverSentToE2b() {
    RunResult failed = RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox failed (no cgroup)");

    assertThat(failover.elsewhere(run(EngineId.LOCAL, SelectionContext.free()), failed)).isEmpty();
  }

  @Test
  void anAnonymousRunWhoseLocalSandboxFailsIsNeverSentToE2b() {
    RunResult failed = RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox failed (no cgroup)");

    assertThat(failover.elsewhere(run(EngineId.LOCAL, anonymous()), failed)).isEmpty();
  }

  @Test
  void aFreeLearnerWhoChoseLocalIsNotMovedToE2bEither() {
    SelectionContext chose = SelectionContext.free().withRequested("local");
    RunResult failed = RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox is unavailable (bwrap missing)");

    assertThat(failover.elsewhere(run(EngineId.LOCAL, chose), failed)).isEmpty();
  }

  @Test
  void aPaidLearnerWhoChoseLocalMovesToE2bWhenLocalFailsAndIsToldWhy() {
    SelectionContext chose = SelectionContext.paid().withRequested("local");
    RunResult failed = RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox has no disk space left");

    assertThat(failover.elsewhere(run(EngineId.LOCAL, chose), failed)).contains(EngineId.E2B);
    assertThat(Failover.notice(EngineId.E2B, failed)).isEqualTo(
        "Your program ran in the cloud sandbox because Runlab's own sandbox has no disk space left.");
  }

  @Test
  void aLearnerWhoChoseLocalWhileItIsDownIsSentToE2bOnlyIfTheTierMayAndWithTheReason() {
    SelectionContext paidChoseLocal = SelectionContext.paid().withRequested("local").withLocalAvailable(false);
    var paid = SELECTOR.decide(PROFILER.profile(THREADS, "main.py"), paidChoseLocal);
    assertThat(paid.engine()).isEqualTo(EngineId.E2B);
    assertThat(paid.has(org.runlab.engine.selection.ReasonCode.LEARNER_CHOICE)).isTrue();
    assertThat(paid.has(org.runlab.engine.selection.ReasonCode.LOCAL_UNAVAILABLE)).isTrue();

    SelectionContext noE2b = new SelectionContext("PAID", false, true, "local", false, true, null,
        BudgetStage.NORMAL, 0);
    var refused = SELECTOR.decide(PROFILER.profile(THREADS, "main.py"), noE2b);
    assertThat(refused.onServer()).isFalse();
    assertThat(refused.has(org.runlab.engine.selection.ReasonCode.NO_SERVER)).isTrue();
  }

  @Test
  void aPaidRunWhoseCloudSandboxFailedBeforeAnyOutputRunsLocallyAndSaysWhy() {
    RunResult failed = RunResult.engineError(EngineId.E2B,
        "the cloud sandbox service has been failing, so Runlab is giving it a rest");

    assertThat(failover.elsewhere(run(EngineId.E2B, SelectionContext.paid()), failed)).contains(EngineId.LOCAL);
    assertThat(Failover.notice(EngineId.LOCAL, failed)).isEqualTo(
        "Your program ran on Runlab's own server because the cloud sandbox service has been failing,"
            + " so Runlab is giving it a rest.");
  }

  @Test
  void aPaidRunE2bCouldNotTakeWithLocalDownIsToldE2bIsDownAndWhenToRetry() {
    Failover localDown = new Failover((files, entry, ctx) -> SELECTOR.decide(PROFILER.profile(files, entry), ctx),
        id -> id == EngineId.LOCAL ? Availability.down("no cgroup") : Availability.up(), () -> stage);
    LiveRun run = run(EngineId.E2B, SelectionContext.paid());
    RunResult failed = RunResult.engineError(EngineId.E2B, "the cloud sandbox service is at capacity");

    assertThat(localDown.elsewhere(run, failed)).isEmpty();
    assertThat(Failover.stayed(run, failed).notices()).containsExactly(
        "Your program could not run because the cloud sandbox service is at capacity.",
        "The cloud sandbox (E2B) is not taking runs right now, and no other sandbox your plan allows can take"
            + " this one. Please try again in about a minute.");
  }

  @Test
  void aRunThatShowedOutputIsNotToldToRetryElsewhere() {
    RunResult midway = RunResult.builder(EngineId.E2B, Verdict.ENGINE_ERROR).stdout("half\n", false)
        .notice("The connection to the cloud sandbox (E2B) broke while your program ran.").build();

    assertThat(Failover.stayed(run(EngineId.E2B, SelectionContext.paid()), midway)).isSameAs(midway);
  }

  @Test
  void aPaidRunWhoseLocalSandboxFailedGoesToE2bWhileTheBudgetAllows() {
    RunResult failed = RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox failed (no cgroup)");

    assertThat(failover.elsewhere(run(EngineId.LOCAL, SelectionContext.paid()), failed)).contains(EngineId.E2B);
    stage = BudgetStage.NO_E2B;
    assertThat(failover.elsewhere(run(EngineId.LOCAL, SelectionContext.paid()), failed)).isEmpty();
  }

  @Test
  void aRunThatShowedOutputBeforeItsEngineFailedIsNotRunAgain() {
    RunResult midway = RunResult.builder(EngineId.E2B, Verdict.ENGINE_ERROR).stdout("half\n", false)
        .notice("The cloud sandbox stopped while your program ran; run it again.").build();

    assertThat(failover.elsewhere(run(EngineId.E2B, SelectionContext.paid()), midway)).isEmpty();
  }

  @Test
  void aCancelledRunIsNotRunAgain() {
    LiveRun run = run(EngineId.E2B, SelectionContext.paid());
    run.cancellation().cancel();

    assertThat(failover.elsewhere(run, RunResult.engineError(EngineId.E2B, "the cloud sandbox failed"))).isEmpty();
  }
}
