package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.runlab.engine.e2b.fake.FakeE2b;

/**
 * E2B failing in each way it does, through the fake and the real deployment: a rejected key, 429
 * and 5xx on create, a stream cut mid-run, a sandbox that vanished. In each case the learner gets a
 * clear verdict (a moved run with a notice, or ENGINE_ERROR saying what happened), no sandbox is
 * left alive without an open lease, and every lease of a sandbox that ended is closed with its cost.
 * Last of the specs: it leaves E2B on, but its failures count in the circuit breaker's window.
 */
@RunlabSpec
@Order(95)
class E2bFaultSpec {
  private static final Logger LOG = Logger.getLogger(E2bFaultSpec.class.getName());
  private static final String MOVED_TO_LOCAL = "Your program ran on Runlab's own server because ";

  private final URI base;
  private final FakeE2b e2b;

  E2bFaultSpec(URI base, FakeE2b e2b) {
    this.base = base;
    this.e2b = e2b;
  }

  @AfterEach
  void faultsOff() throws Exception {
    e2b.faults.unauthorized = false;
    e2b.faults.createConcurrencyCapped.set(0);
    e2b.faults.createServerErrors.set(0);
    e2b.faults.failedCreateLeavesSandbox = false;
    e2b.faults.cutExecutions.set(0);
    await("E2B back on in /health", 20, () -> health().contains("\"e2b\":\"available\""));
    booksBalance();
  }

  @Test
  void aRejectedKeyTurnsE2bOffWithAnAlertUntilE2bAcceptsItAgain() throws Exception {
    OffsetDateTime since = OffsetDateTime.now().minusSeconds(1);
    e2b.faults.unauthorized = true;

    await("E2B off in /health", 20, () -> health().contains("unavailable: E2B rejected the API key"));
    assertThat(alertsOfKindSince("E2B", since)).singleElement().asString()
        .contains("E2B rejected the API key", "back on");
    JsonObject r = timedRun("401", E2bSpec.paidLearner(base), "print('still served')");

    assertThat(r.getString("engine")).isEqualTo("local");
    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getJsonArray("reasons").toString()).contains("E2B_UNAVAILABLE");
  }

  @Test
  void createAtE2bsConcurrencyCapMovesAPaidRunToLocalWithANotice() throws Exception {
    e2b.faults.createConcurrencyCapped.set(1_000_000);

    JsonObject r = firstRunNeedingANewSandbox("429");

    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getString("stdout")).isEqualTo("hello\n");
    assertThat(r.getJsonArray("notices").getString(0))
        .isEqualTo(MOVED_TO_LOCAL + "the cloud sandbox service is at capacity.");
  }

  @Test
  void createFailingWithServerErrorsMovesAPaidRunToLocalAndLeavesNoHalfMadeSandbox() throws Exception {
    e2b.faults.createServerErrors.set(1_000_000);
    e2b.faults.failedCreateLeavesSandbox = true;

    JsonObject r = firstRunNeedingANewSandbox("5xx");

    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getJsonArray("notices").getString(0)).startsWith(MOVED_TO_LOCAL + "the cloud sandbox");
  }

  @Test
  void aStreamCutMidRunIsAnEngineErrorAndItsSandboxIsKilledWithItsLeaseClosed() throws Exception {
    WebClient learner = E2bSpec.paidLearner(base);
    String sandbox = sandboxOf(onE2b(learner, "print('warm')"));
    e2b.faults.cutExecutions.set(1);

    JsonObject r = timedRun("cut stream", learner,
        "print('started', flush=True)\nimport time\ntime.sleep(1)\nprint('done')");

    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("ENGINE_ERROR");
    assertThat(r.getString("stdout")).startsWith("started").doesNotContain("done");
    assertThat(r.getJsonArray("notices").toString()).contains("The connection to the cloud sandbox (E2B) broke");
    assertThat(e2b.liveSandboxIds()).doesNotContain(sandbox);
    leaseClosedWithCost(sandbox);
  }

  @Test
  void aSandboxThatVanishedBetweenRunsIsReplacedAndItsLeaseClosed() throws Exception {
    WebClient learner = E2bSpec.paidLearner(base);
    String vanished = sandboxOf(onE2b(learner, "print('first')"));
    e2b.killFromOutside(vanished);

    JsonObject r = timedRun("502 between runs", learner, "print('second')");

    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getString("stdout")).isEqualTo("second\n");
    leaseClosedWithCost(vanished);
  }

  @Test
  void aSandboxThatVanishesMidRunIsAnEngineErrorSayingE2bShutItDown() throws Exception {
    WebClient learner = E2bSpec.paidLearner(base);
    String vanishing = sandboxOf(onE2b(learner, "print('first')"));

    CompletableFuture<JsonObject> run = CompletableFuture.supplyAsync(() -> timedRun("502 mid-run", learner,
        "print('started', flush=True)\nimport time\ntime.sleep(4)\nprint('done')"));
    Thread.sleep(2000);
    e2b.killFromOutside(vanishing);
    JsonObject r = run.get(60, TimeUnit.SECONDS);

    assertThat(r.getString("verdict")).isEqualTo("ENGINE_ERROR");
    assertThat(r.getString("stdout")).startsWith("started").doesNotContain("done");
    assertThat(r.getJsonArray("notices").toString()).contains("was shut down by E2B while it ran");
    leaseClosedWithCost(vanishing);
  }

  /**
   * Fresh PAID learners ask for E2B until one finds no warm sandbox, so its run needs a create
   * (the deployment keeps a warm pool the faulted creates cannot refill); that run's answer.
   */
  private JsonObject firstRunNeedingANewSandbox(String fault) throws Exception {
    for (int i = 0; i < 6; i++) {
      JsonObject r = timedRun(fault, E2bSpec.paidLearner(base), "print('hello')");
      if (!r.getString("engine").equals("e2b")) {
        assertThat(r.getString("engine")).isEqualTo("local");
        return r;
      }
    }
    throw new AssertionError("every run found a warm sandbox: the pool refilled despite the fault");
  }

  /** A run the learner asked E2B for, answered when it ended; the time it took is logged. */
  private static JsonObject timedRun(String fault, WebClient learner, String code) {
    long start = System.nanoTime();
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(learner, RunApiSpec.withMember(
        RunApiSpec.withMember(RunApiSpec.program(code), "engine", "e2b"), "wait", true)));
    LOG.info(String.format("E2B fault %s: %s on %s in %d ms, notices %s", fault, r.getString("verdict", "?"),
        r.getString("engine", "?"), (System.nanoTime() - start) / 1_000_000, r.get("notices")));
    return r;
  }

  private static String onE2b(WebClient learner, String code) {
    JsonObject r = timedRun("none", learner, code);
    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("OK");
    return r.getString("id");
  }

  /** The sandbox a run used, once the ledger has its end. */
  private static String sandboxOf(String runId) throws Exception {
    String[] found = new String[1];
    await("the run's lease in the ledger", 10, () -> {
      found[0] = queryOne("SELECT l.sandbox_id FROM run_record r JOIN sandbox_lease l ON l.id = r.lease_id"
          + " WHERE r.id = ?", UUID.fromString(runId));
      return found[0] != null;
    });
    return found[0];
  }

  private static void leaseClosedWithCost(String sandbox) throws Exception {
    await("the lease of " + sandbox + " closed with its cost", 20, () -> "closed".equals(queryOne(
        "SELECT CASE WHEN ended_at IS NOT NULL AND cost_usd > 0 THEN 'closed' END FROM sandbox_lease"
            + " WHERE sandbox_id = ?", sandbox)));
  }

  /**
   * The books balance: the sandboxes alive in the fake are exactly those with an open lease (none
   * orphaned, none billed unseen), and every ended lease has its cost.
   */
  private void booksBalance() throws Exception {
    Set<String>[] seen = new Set[2];
    try {
      await("live sandboxes = open leases", 30, () -> {
        seen[0] = new TreeSet<>(e2b.liveSandboxIds());
        seen[1] = new TreeSet<>(openLeases());
        return seen[0].equals(seen[1]);
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": alive " + seen[0] + ", open leases " + seen[1], e);
    }
    assertThat(queryOne("SELECT CAST(COUNT(*) AS VARCHAR) FROM sandbox_lease WHERE ended_at IS NOT NULL"
        + " AND (cost_usd IS NULL OR billed_seconds IS NULL)")).isEqualTo("0");
  }

  private static Set<String> openLeases() {
    Set<String> open = new TreeSet<>();
    try (Connection c = SharedDeployment.database();
        PreparedStatement s = c.prepareStatement("SELECT sandbox_id FROM sandbox_lease WHERE ended_at IS NULL");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        open.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return open;
  }

  private static java.util.List<String> alertsOfKindSince(String kind, OffsetDateTime since) throws SQLException {
    java.util.List<String> messages = new java.util.ArrayList<>();
    try (Connection c = SharedDeployment.database();
        PreparedStatement s = c.prepareStatement(
            "SELECT message FROM budget_alert WHERE kind = ? AND raised_at >= ? ORDER BY id")) {
      s.setString(1, kind);
      s.setObject(2, since);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          messages.add(rs.getString(1));
        }
      }
    }
    return messages;
  }

  private static String queryOne(String sql, Object... params) {
    try (Connection c = SharedDeployment.database(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String health() {
    return new WebClient(base).get("/health").body();
  }

  private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(200);
    }
  }
}
