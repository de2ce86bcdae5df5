package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.fake.FakeE2b;

/**
 * E2B's faults through the fake, one engine and pool each: whatever breaks, the learner gets a
 * clear verdict, no sandbox is left alive that the pool does not hold, and every lease of a
 * sandbox that ended is closed.
 */
class E2bEngineFaultsTest {
  private FakeE2b fake;
  private E2bSessionPool pool;
  private E2bEngine engine;
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final RecordingLeases leases = new RecordingLeases();

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    engine = engine(Map.of());
  }

  private E2bEngine engine(Map<String, String> overrides) {
    E2bSettings s = E2bTestSupport.settings(fake, new HashMap<>(overrides));
    E2bClient client = E2bTestSupport.client(s);
    pool = new E2bSessionPool(client, s, Instant::now, leases);
    return new E2bEngine(s, client, pool, leases, alerts::add);
  }

  @AfterEach
  void stop() {
    pool.killAll();
    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(leases.closed).hasSameSizeAs(leases.opened);
    fake.close();
  }

  private static RunSpec spec(String main) {
    return new RunSpec(List.of(new ProjectFile("main.py", main)), "main.py", "", Limits.defaults(), "ana",
        E2bTestSupport.IDLE);
  }

  private RunResult runRemote(String main) throws InterruptedException {
    return engine.runRemote(spec(main), OutputSink.NONE, new Cancellation());
  }

  /** Sandboxes the fake runs that the pool does not hold: none may be left. */
  private List<String> orphans() {
    List<String> held = pool.sandboxes().stream().filter(s -> !s.orphan())
        .map(E2bSandbox::id).toList();
    return fake.liveSandboxIds().stream().filter(id -> !held.contains(id)).toList();
  }

  @Test
  void aKeyRejectedOnTheReapersCallTurnsE2bOffWithOneAlert() {
    fake.faults.unauthorized = true;

    pool.reap();
    pool.reap();

    assertThat(engine.availability().available()).isFalse();
    assertThat(engine.availability().reason()).contains("E2B rejected the API key");
    assertThat(alerts).singleElement().asString().contains("API key").contains("back on");
  }

  @Test
  void aKeyAcceptedAgainTurnsE2bBackOnAtTheNextCheck() {
    fake.faults.unauthorized = true;
    pool.reap();
    assertThat(engine.recheckKey()).isFalse();

    fake.faults.unauthorized = false;

    assertThat(engine.recheckKey()).isTrue();
    assertThat(engine.availability().available()).isTrue();
  }

  @Test
  void whileTheKeyIsRejectedSandboxesPastTheirTtlHaveTheirLeasesClosedAtTheirEnd() throws Exception {
    engine = engine(Map.of("sandbox-timeout", "PT2S"));
    assertThat(runRemote("print(1)").verdict()).isEqualTo(Verdict.OK);
    fake.faults.unauthorized = true;
    pool.reap(); // meets the 401: E2B is off and nothing extends the sandbox
    pool.forgetExpired();
    assertThat(leases.closed).isEmpty();

    Thread.sleep(2_100);
    pool.forgetExpired();

    assertThat(fake.liveSandboxIds()).as("E2B ended it by its TTL").isEmpty();
    assertThat(pool.sessionOf("ana")).isEmpty();
    Lease closed = leases.closed.get(0);
    assertThat(closed.ended()).as("when its TTL ran out, not now").isBefore(Instant.now().minusMillis(50));
    assertThat(closed.seconds()).as("billed to its TTL's end").isBetween(2L, 3L);
  }

  @Test
  void aRunMeetingARejectedKeyIsNotRetriedAndGoesElsewhere() {
    fake.faults.unauthorized = true;

    assertThatThrownBy(() -> runRemote("print(1)")).isInstanceOf(E2bException.class);
    assertThatThrownBy(() -> runRemote("print(1)")).isInstanceOfSatisfying(E2bUnavailableException.class,
        e -> assertThat(E2bFailures.why(e)).isEqualTo("the cloud sandbox is switched off"));
    assertThat(alerts).hasSize(1);
  }

  @Test
  void createAtE2bsConcurrencyCapGivesUpAfterCreateWaitAndSaysSo() {
    engine = engine(Map.of("create-wait", "PT1S"));
    fake.faults.createConcurrencyCapped.set(1_000);

    assertThatThrownBy(() -> runRemote("print(1)")).isInstanceOfSatisfying(E2bUnavailableException.class,
        e -> assertThat(E2bFailures.why(e)).isEqualTo("the cloud sandbox service is at capacity"));
    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(leases.opened).isEmpty();
  }

  @Test
  void createFailingWithHalfMadeSandboxesLeavesNoneBehind() {
    fake.faults.createServerErrors.set(3);
    fake.faults.failedCreateLeavesSandbox = true;

    assertThatThrownBy(() -> runRemote("print(1)")).isInstanceOfSatisfying(E2bException.class,
        e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.SERVER));
    assertThat(fake.liveSandboxIds()).isEmpty();
  }

  @Test
  void aStreamCutAfterOutputIsAnEngineErrorAndItsSandboxIsKilledWithItsLease() throws Exception {
    fake.faults.cutExecutions.set(1);

    RunResult r = runRemote("print('started', flush=True)\nimport time\ntime.sleep(1)\nprint('done')");

    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(r.mayRunElsewhere()).as("the learner saw part of it: not run twice").isFalse();
    assertThat(r.stdout()).startsWith("started").doesNotContain("done");
    assertThat(r.notices()).singleElement().asString().contains("connection to the cloud sandbox (E2B) broke");
    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(leases.closed).hasSize(1).allSatisfy(l -> assertThat(l.ended()).isNotNull());
  }

  @Test
  void aSandboxThatVanishesMidRunIsAnEngineErrorThatSaysE2bShutItDown() throws Exception {
    assertThat(runRemote("print('warm')").verdict()).isEqualTo(Verdict.OK);
    String sandbox = pool.sessionOf("ana").orElseThrow().sandbox().id();

    CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
      try {
        return runRemote("print('started', flush=True)\nimport time\ntime.sleep(3)\nprint('done')");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1500);
    fake.killFromOutside(sandbox);
    RunResult r = run.get(30, TimeUnit.SECONDS);

    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(r.notices()).singleElement().asString().contains("shut down by E2B");
    assertThat(pool.sessionOf("ana")).isEmpty();
    assertThat(leases.closed).extracting(Lease::sandboxId).containsExactly(sandbox);
  }

  @Test
  void aSandboxThatVanishedBetweenRunsIsReplacedAndTheRunSucceeds() throws Exception {
    assertThat(runRemote("open('a.txt', 'w').write('x')").verdict()).isEqualTo(Verdict.OK);
    String gone = pool.sessionOf("ana").orElseThrow().sandbox().id();
    fake.killFromOutside(gone);

    RunResult r = runRemote("print('again')");

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("again\n");
    assertThat(leases.closed).extracting(Lease::sandboxId).containsExactly(gone);
    assertThat(orphans()).isEmpty();
  }
}
