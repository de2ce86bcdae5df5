package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** PAID learners' runs on E2B (the fake, speaking the real protocol), with sessions and leases. */
public class E2bSpec {
  private final URI base;

  public E2bSpec(URI base) {
    this.base = base;
  }

  static Connection db() throws SQLException {
    return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
        System.getProperty("it.db.password"));
  }

  /** A signed-in learner on the PAID tier (set in the database, as the admin page does). */
  static WebClient paidLearner(URI base) throws SQLException {
    WebClient web = new WebClient(base);
    String email = AccountSpec.uniqueEmail();
    AccountSpec.signUp(web, email, "Paying Learner", "worth every cent 1");
    try (Connection c = db(); PreparedStatement s = c.prepareStatement("UPDATE app_user SET tier = 'PAID' WHERE email = ?")) {
      s.setString(1, email);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    return web;
  }

  public void paidLearnersPandasRunsOnE2bWithALease() throws Exception {
    WebClient web = paidLearner(base);
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(web,
        RunApiSpec.withMember(RunApiSpec.program("import pandas as pd\nprint(pd.Series([4, 5]).sum())"), "wait", true)));
    assertThat(r.getString("engine")).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("OK");
    assertThat(r.getString("stdout")).isEqualTo("9\n");
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement(
            "SELECT l.vcpus, l.purpose, r.cost_usd FROM run_record r JOIN sandbox_lease l ON l.id = r.lease_id WHERE r.id = ?")) {
      s.setObject(1, java.util.UUID.fromString(r.getString("id")));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("the usage record points at a stored lease").isTrue();
        assertThat(rs.getInt(1)).isPositive();
        assertThat(rs.getBigDecimal(3).signum()).isPositive();
      }
    }
  }

  public void aPaidLearnerKeepsTheirSandboxBetweenRuns() throws Exception {
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

  public void freeLearnersAreNotSentToE2b() {
    WebClient web = new WebClient(base);
    AccountSpec.signUp(web, AccountSpec.uniqueEmail(), "Free Learner", "free as in beer 1");
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(web,
        RunApiSpec.withMember(RunApiSpec.program("import pandas\nprint('local')"), "wait", true)));
    assertThat(r.getString("engine")).isEqualTo("local");
  }

  public void sandboxesInTheFakeCarryOurInstallationTag() {
    assertThat(RunlabIT.E2B.liveSandboxIds()).isNotEmpty();
    assertThat(RunlabIT.E2B.liveSandboxIds())
        .allSatisfy(id -> assertThat(RunlabIT.E2B.metadataOf(id)).containsEntry("installation", "runlab"));
  }
}
