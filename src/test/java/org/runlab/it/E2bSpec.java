package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.runlab.engine.e2b.fake.FakeCall;
import org.runlab.engine.e2b.fake.FakeE2b;

/** PAID learners' runs on E2B (the fake, speaking the real protocol), with sessions and leases. */
@RunlabSpec
@Order(50)
class E2bSpec {
  private final URI base;
  private final FakeE2b e2b;

  E2bSpec(URI base, FakeE2b e2b) {
    this.base = base;
    this.e2b = e2b;
  }

  /** A signed-in learner on the PAID tier (set in the database, as the admin page does). */
  static WebClient paidLearner(URI base) throws SQLException {
    WebClient web = new WebClient(base);
    String email = AccountSpec.uniqueEmail();
    AccountSpec.signUp(web, email, "Paying Learner", "worth every cent 1");
    try (Connection c = SharedDeployment.database();
        PreparedStatement s = c.prepareStatement("UPDATE app_user SET tier = 'PAID' WHERE email = ?")) {
      s.setString(1, email);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    return web;
  }

  @Test
  void paidLearnersPandasRunsOnE2bWithALease() throws Exception {
    WebClient web = paidLearner(base);
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(web,
        RunApiSpec.withMember(RunApiSpec.program("import pandas as pd\nprint(pd.Series([4, 5]).sum())"), "wait", true)));
    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getString("stdout")).isEqualTo("9\n");
    // The ledger records a run's end just after answering; give it a moment.
    boolean recorded = false;
    for (int i = 0; i < 50 && !recorded; i++) {
      try (Connection c = SharedDeployment.database();
          PreparedStatement s = c.prepareStatement(
              "SELECT l.vcpus, l.purpose, r.cost_usd FROM run_record r JOIN sandbox_lease l ON l.id = r.lease_id WHERE r.id = ?")) {
        s.setObject(1, java.util.UUID.fromString(r.getString("id")));
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            recorded = true;
            assertThat(rs.getInt(1)).isPositive();
            assertThat(rs.getBigDecimal(3).signum()).isPositive();
          }
        }
      }
      if (!recorded) {
        Thread.sleep(100);
      }
    }
    assertThat(recorded).as("the usage record points at a stored lease").isTrue();
  }

  @Test
  void aPaidLearnerKeepsTheirSandboxBetweenRuns() throws Exception {
    WebClient web = paidLearner(base);
    String write = RunApiSpec.withMember(RunApiSpec.withMember(
        RunApiSpec.program("open('note.txt', 'w').write('kept')\nprint('written')"), "engine", "e2b"), "wait", true);
    assertThat(RunApiSpec.json(RunApiSpec.postRun(web, write)).getString("stdout")).isEqualTo("written\n");
    String read = RunApiSpec.withMember(RunApiSpec.withMember(
        RunApiSpec.program("print(open('note.txt').read())"), "engine", "e2b"), "wait", true);
    JsonObject second = RunApiSpec.json(RunApiSpec.postRun(web, read));
    assertThat(second.getString("engine")).isEqualTo("e2b");
    assertThat(second.getString("stdout")).isEqualTo("kept\n");
  }

  /** A project of main.py and requirements.txt, run on E2B, waiting for the result. */
  private static String onE2b(String main, String requirements) {
    return Json.createObjectBuilder()
        .add("files", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("path", "main.py").add("content", main))
            .add(Json.createObjectBuilder().add("path", "requirements.txt").add("content", requirements)))
        .add("entry", "main.py").add("engine", "e2b").add("wait", true)
        .build().toString();
  }

  @Test
  void aPaidLearnersRequirementsInstallFromTheIndexWhileTheirCodeStaysOffline() throws Exception {
    e2b.publishWheel("runlabspecpkg", "1.0", "def greet():\n    return 'installed from the index'\n");
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(paidLearner(base), onE2b("""
        import os, urllib.request, urllib.error
        import runlabspecpkg
        print(runlabspecpkg.greet())
        try:
            urllib.request.urlopen(os.environ['PIP_FIND_LINKS'], timeout=5)
        except urllib.error.HTTPError as e:
            print('offline', e.code)
        """, "runlabspecpkg==1.0\n")));

    assertThat(r.getString("verdict")).as(r.toString()).isEqualTo("OK");
    assertThat(r.getString("stdout")).isEqualTo("installed from the index\noffline 403\n");
    String sandbox = e2b.calls().stream()
        .filter(c -> c.kind().equals("index") && c.detail().startsWith("runlabspecpkg"))
        .map(FakeCall::sandboxId).findFirst().orElseThrow();
    List<String> order = e2b.calls(sandbox).stream()
        .map(c -> c.kind() + " " + c.detail().lines().findFirst().orElse("")).toList();
    int installed = order.indexOf("index runlabspecpkg-1.0-py3-none-any.whl");
    int closed = order.indexOf("network {\"allowOut\":[],\"denyOut\":[\"0.0.0.0/0\"]}");
    int learner = order.lastIndexOf("execute def _runlab_run():");
    assertThat(installed).as(order.toString()).isNotNegative();
    assertThat(closed).as(order.toString()).isGreaterThan(installed).isLessThan(learner);
    assertThat(order.subList(closed, order.size())).as("no index after egress closed")
        .noneMatch(c -> c.startsWith("index ") || c.startsWith("network {\"allowOut\":[\"" ));
    assertThat(e2b.networkOf(sandbox).closed()).isTrue();
    assertThat(r.getJsonNumber("cpuTimeMs").longValue()).isPositive();
    assertThat(r.getJsonNumber("peakMemoryBytes").longValue()).isPositive();
    assertThat(r.getJsonNumber("sessionKeptSeconds").longValue()).isEqualTo(900);
  }

  @Test
  void aPaidLearnerOverTheirMemoryGetsMemoryLimitOnE2b() throws Exception {
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(paidLearner(base),
        onE2b("x = bytearray(3 * 1024 ** 3)\nprint('too much')", "")));

    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).as(r.toString()).isEqualTo("MEMORY_LIMIT");
    assertThat(r.getString("stdout")).isEmpty();
  }

  @Test
  void freeLearnersAreNotSentToE2b() {
    WebClient web = new WebClient(base);
    AccountSpec.signUp(web, AccountSpec.uniqueEmail(), "Free Learner", "free as in beer 1");
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(web,
        RunApiSpec.withMember(RunApiSpec.program("import pandas\nprint('local')"), "wait", true)));
    assertThat(r.getString("engine")).isEqualTo("local");
  }

  @Test
  void sandboxesInTheFakeCarryOurInstallationTag() throws Exception {
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(paidLearner(base), RunApiSpec.withMember(
        RunApiSpec.withMember(RunApiSpec.program("print('a sandbox of ours')"), "engine", "e2b"), "wait", true)));
    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(e2b.liveSandboxIds()).isNotEmpty();
    assertThat(e2b.liveSandboxIds())
        .allSatisfy(id -> assertThat(e2b.metadataOf(id)).containsEntry("installation", "runlab"));
  }
}
