package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kill -9 under load, on two members clustered over TCP on one PostgreSQL database: nothing the
 * killed member acknowledged is lost (run records with their cost, usage counts, snapshots), the
 * other member keeps serving, the dead member's runs end as ENGINE_ERROR and give back their
 * concurrency slots, and quotas stay exact. Then a lone member killed with runs in flight ends them
 * at its next start. Figures go to target/faults/member-kill.txt (bench/RESULTS.md, "Fault tests").
 */
@Tag("faults")
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberKillFaultsIT {
  private static final TestSlot SLOT = TestSlot.CURRENT;
  private static final String DB = SLOT.name("runlab_faults");
  /** Runs a visitor may start in an hour: what the quota check counts against. */
  private static final int LIMIT = 100;
  private static final int ANSWERED = 60;
  /** The long runs each killed member has in flight: all of their visitor's concurrent runs. */
  private static final int CONCURRENT = 4;
  private static final String LONG_CODE = "import threading, time\ntime.sleep(100)\nprint('late')\n";
  private static final Pattern RUN_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final List<RunlabProcess> members = new ArrayList<>();
  private static final List<String> figures = Collections.synchronizedList(new ArrayList<>());
  private static final HttpClient answered = visitor();
  private static final HttpClient waiting = visitor();
  private static Path work;
  private static long snapshotId;

  @BeforeAll
  static void startTwoMembers() throws Exception {
    work = Path.of(System.getProperty("runlab.home"), "target", "faults");
    Files.createDirectories(work);
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
      admin.createStatement().execute("CREATE DATABASE " + DB);
    }
    int[] http = {SLOT.port(18481), SLOT.port(18482)};
    int[] hz = {SLOT.port(6981), SLOT.port(6982)};
    String list = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1];
    String cluster = "runlab-faults-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> settings = Map.ofEntries(
        Map.entry("runlab.db.url", "jdbc:postgresql://127.0.0.1:5432/" + DB),
        Map.entry("runlab.db.user", "postgres"), Map.entry("runlab.db.password", "postgres"),
        Map.entry("runlab.tier.anonymous.runs-per-hour", Integer.toString(LIMIT)),
        Map.entry("runlab.tier.anonymous.runs-per-day", "1000"),
        Map.entry("runlab.tier.anonymous.concurrent-runs", Integer.toString(CONCURRENT)),
        Map.entry("runlab.tier.anonymous.wall-seconds", "120"),
        Map.entry("runlab.tier.anonymous.max-queue-seconds", "120"),
        Map.entry("runlab.quota.anonymous-address-factor", "10"),
        Map.entry("runlab.run.concurrency", "8"));
    for (int n = 0; n < 2; n++) {
      RunlabProcess m = new RunlabProcess(SLOT.name("runlab-faults-member") + "-" + n, work.resolve("member-" + n),
          http[n], hz[n], list, cluster, settings);
      members.add(m);
      // One after the other: two first starts at once on a fresh database race to create the
      // admin account, and the loser's deployment fails.
      m.start();
      m.awaitUp(900);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!members.get(0).logSays("DG Size: 2") && !members.get(1).logSays("DG Size: 2")) {
      assertThat(System.nanoTime()).as("the two members form one cluster").isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (RunlabProcess m : members) {
      m.stop();
    }
    Files.write(work.resolve("member-kill.txt"), figures);
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
    } catch (Exception e) {
      // a connection of a killed member may hold it for a moment; the next run drops it
    }
  }

  @Test
  @Order(1)
  void aKilledMemberLosesNothingItAcknowledgedAndItsRunsEndAsEngineError() throws Exception {
    RunlabProcess killed = members.get(1);
    RunlabProcess survivor = members.get(0);
    WebClient learner = new WebClient(killed.base());
    AccountSpec.signUp(learner, AccountSpec.uniqueEmail(), "Faulty Learner", "snapshots 12345");
    HttpResponse<String> saved = learner.send(HttpRequest.newBuilder(learner.base().resolve("api/workspaces/hello/snapshots"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"files\":[{\"path\":\"main.py\",\"content\":\"print('kept')\"}],"
            + "\"entry\":\"main.py\",\"reason\":\"AUTO\"}")).build());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    Matcher sid = Pattern.compile("\"id\":(\\d+)").matcher(saved.body());
    assertThat(sid.find()).isTrue();
    snapshotId = Long.parseLong(sid.group(1));
    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      HttpResponse<String> r = post(waiting, killed, LONG_CODE, false);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      inFlight.add(id(r));
    }

    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    HttpResponse<String> first = post(answered, killed, QuotaSpec.SERVER_CODE, true); // gives the visitor its cookie
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    acknowledged.add(id(first));
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 1; i < ANSWERED; i++) {
      done.add(clients.submit(() -> {
        HttpResponse<String> r = post(answered, killed, QuotaSpec.SERVER_CODE, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        acknowledged.add(id(r));
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(300, TimeUnit.SECONDS);
    }
    killed.kill9();
    long killedAt = System.nanoTime();
    clients.shutdown();

    try (Connection db = postgres(DB)) {
      int withCost = count(db, "SELECT COUNT(*) FROM run_record WHERE id = ANY (?::uuid[]) AND state = 'FINISHED'"
          + " AND verdict = 'OK' AND cost_usd > 0", acknowledged);
      figures.add("kill -9 right after the last of " + ANSWERED + " answered runs: rows finished with cost "
          + withCost);
      assertThat(withCost).isEqualTo(ANSWERED);
      assertThat(count(db, "SELECT COALESCE(SUM(u.server_runs), 0) FROM daily_usage u WHERE u.identity_key IN ("
          + "SELECT r.owner_key FROM run_record r WHERE r.id = ANY (?::uuid[]))", acknowledged))
          .as("the visitor's usage count").isEqualTo(ANSWERED);
      assertThat(count(db, "SELECT COUNT(*) FROM snapshot WHERE id = " + snapshotId, List.of())).isEqualTo(1);
    }

    // The survivor serves, and the visitor whose four slots the dead member held gets them back.
    HttpResponse<String> after = post(waiting, survivor, QuotaSpec.SERVER_CODE, true);
    long slotBackMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    figures.add("a run needing a slot the dead member held answered " + slotBackMs + " ms after the kill");
    long endedMs = awaitEnded(inFlight, 120);
    figures.add("the dead member's " + CONCURRENT + " runs in flight ended ENGINE_ERROR " + endedMs
        + " ms after the kill");
    assertThat(slotBackMs).isLessThan(60_000);
  }

  @Test
  @Order(2)
  void quotasStayExactAfterTheKill() throws Exception {
    int admitted = 0;
    int status = 0;
    while (status != 429 && admitted <= LIMIT) {
      status = post(answered, members.get(0), QuotaSpec.SERVER_CODE, false).statusCode();
      if (status == 202) {
        admitted++;
      }
    }
    figures.add("quota after the kill: " + admitted + " more runs admitted, expected " + (LIMIT - ANSWERED));
    assertThat(admitted).isEqualTo(LIMIT - ANSWERED);
  }

  @Test
  @Order(3)
  void aLoneMemberKilledWithRunsInFlightEndsThemAtItsNextStart() throws Exception {
    RunlabProcess lone = members.get(0);
    HttpClient visitor = visitor();
    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = post(visitor, lone, LONG_CODE, false);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      inFlight.add(id(r));
    }
    Thread.sleep(1000);
    lone.kill9();
    lone.start();
    lone.awaitUp(900);
    long upAt = System.nanoTime();
    long endedMs = awaitEnded(inFlight, 120);
    figures.add("a lone member restarted after kill -9 ended its 2 runs in flight "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upAt) + " ms after it was up again");
    try (Connection db = postgres(DB)) {
      assertThat(count(db, "SELECT COUNT(*) FROM snapshot WHERE id = " + snapshotId, List.of())).isEqualTo(1);
    }
    assertThat(endedMs).isPositive();
  }

  /** Waits until these runs are ENGINE_ERROR in the ledger; ms from the call. */
  private static long awaitEnded(List<String> ids, int seconds) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    try (Connection db = postgres(DB)) {
      while (System.nanoTime() < deadline) {
        if (count(db, "SELECT COUNT(*) FROM run_record WHERE id = ANY (?::uuid[]) AND state = 'FINISHED'"
            + " AND verdict = 'ENGINE_ERROR'", ids) == ids.size()) {
          return Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        Thread.sleep(500);
      }
    }
    throw new AssertionError("runs " + ids + " of a dead member did not end as ENGINE_ERROR within " + seconds + " s");
  }

  private static int count(Connection db, String sql, List<String> ids) throws Exception {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      if (sql.contains("?")) {
        ps.setArray(1, db.createArrayOf("text", ids.toArray()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static HttpResponse<String> post(HttpClient client, RunlabProcess m, String code, boolean wait) throws Exception {
    return client.send(HttpRequest.newBuilder(m.base().resolve("/api/runs"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(180))
        .POST(HttpRequest.BodyPublishers.ofString(QuotaSpec.runJson(code, wait, "auto"))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String id(HttpResponse<String> r) {
    Matcher m = RUN_ID.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    return m.group(1);
  }

  static HttpClient visitor() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
  }

  static Connection postgres(String db) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
  }
}
