package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart under a steady run load, on a private PostgreSQL cluster this test makes
 * (initdb in a temporary directory, on a port of the test slot; the shared server on 5432 is never
 * touched): runs in flight finish or fail clearly, new runs are refused with 503 and Retry-After
 * only while the database is away, the pool reconnects by itself, and every acknowledged run is in
 * the ledger. Figures go to target/faults/database-restart.txt (bench/RESULTS.md, "Fault tests").
 */
@Tag("faults")
@org.junit.jupiter.api.Order(3)
class DatabaseRestartFaultsIT {
  private static final TestSlot SLOT = TestSlot.CURRENT;
  private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final int PG_PORT = SLOT.port(25432);
  private static final int CLIENTS = 4;
  /** After the database is back, by when the pool must serve again. */
  private static final long RECONNECT_GRACE_MS = 10_000;
  private static final List<String> figures = new ArrayList<>();
  private static Path pgData;
  private static RunlabProcess server;

  /** One answered request: when it was sent and answered (ms since the load began), its status, its run. */
  private record Answer(long sentMs, long answeredMs, int status, String runId, String retryAfter) {}

  @BeforeAll
  static void startPrivatePostgresAndRunlab() throws Exception {
    pgData = Path.of("/tmp", SLOT.name("runlab-faults-pg"));
    sh("rm", "-rf", pgData.toString());
    sh("install", "-d", "-o", "postgres", "-g", "postgres", "-m", "700", pgData.toString());
    asPostgres(PG_BIN.resolve("initdb").toString(), "-D", pgData.toString(), "-A", "trust", "-U", "postgres",
        "--no-sync");
    pg("start");
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE runlab");
    }
    Path work = Path.of(System.getProperty("runlab.home"), "target", "faults");
    int hz = SLOT.port(6985);
    server = new RunlabProcess(SLOT.name("runlab-faults-db"), work.resolve("database-restart"), SLOT.port(18485), hz,
        "127.0.0.1:" + hz, "runlab-faults-db-" + UUID.randomUUID().toString().substring(0, 8), Map.of(
            "runlab.db.url", url("runlab"), "runlab.db.user", "postgres", "runlab.db.password", "postgres",
            "runlab.tier.anonymous.runs-per-hour", "100000", "runlab.tier.anonymous.runs-per-day", "100000",
            "runlab.tier.anonymous.concurrent-runs", "2", "runlab.run.concurrency", "8"));
    server.start();
    server.awaitUp(900);
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (server != null) {
      server.stop();
    }
    try {
      pg("stop", "-m", "immediate");
    } catch (Exception e) {
      // already stopped
    }
    sh("rm", "-rf", pgData.toString());
    Path out = Path.of(System.getProperty("runlab.home"), "target", "faults", "database-restart.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, figures);
  }

  @Test
  void aDatabaseRestartUnderLoadLosesNoAcknowledgedRunAndRefusesOnlyWhileItIsAway() throws Exception {
    WebClient learner = new WebClient(server.base());
    AccountSpec.signUp(learner, AccountSpec.uniqueEmail(), "Restart Learner", "snapshots 12345");
    List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean loading = new AtomicBoolean(true);
    long t0 = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.submit(() -> load(MemberKillFaultsIT.visitor(), t0, loading, answers));
    }
    Thread.sleep(10_000);
    long stoppedMs = ms(t0);
    pg("stop", "-m", "fast");
    long downMs = ms(t0);
    Thread.sleep(3_000);
    HttpResponse<String> savedWhileAway = save(learner, "print('while away')");
    Thread.sleep(3_000);
    long startingMs = ms(t0);
    pg("start");
    long backMs = ms(t0);
    Thread.sleep(20_000);
    loading.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(200, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> savedAfter = save(learner, "print('after')");

    List<Answer> all = List.copyOf(answers);
    List<Answer> ok = all.stream().filter(a -> a.status() == 200).toList();
    List<Answer> refused = all.stream().filter(a -> a.status() == 503).toList();
    long first503 = refused.stream().mapToLong(Answer::sentMs).min().orElse(-1);
    long last503 = refused.stream().mapToLong(Answer::answeredMs).max().orElse(-1);
    figures.add("load: " + CLIENTS + " visitors posting wait:true server runs back to back; database stop began at "
        + stoppedMs + " ms (down at " + downMs + " ms), start began at " + startingMs + " ms (up at " + backMs + " ms)");
    figures.add("answers: " + all.size() + " (" + ok.size() + " x 200, " + refused.size() + " x 503, others "
        + all.stream().filter(a -> a.status() != 200 && a.status() != 503).map(Answer::status).toList() + ")");
    figures.add("503 window: first sent at " + first503 + " ms, last answered at " + last503 + " ms ("
        + (refused.isEmpty() ? 0 : last503 - first503) + " ms); database away " + (backMs - downMs) + " ms");
    figures.add("snapshot save while away: " + savedWhileAway.statusCode() + " Retry-After "
        + savedWhileAway.headers().firstValue("Retry-After").orElse("-") + "; after: " + savedAfter.statusCode());

    assertThat(all).allSatisfy(a -> assertThat(a.status()).as("answer " + a).isIn(200, 503));
    assertThat(refused).allSatisfy(a -> {
      assertThat(a.retryAfter()).as("Retry-After of " + a).isNotNull();
      assertThat(a.answeredMs()).as("a 503 while the database was there: " + a).isGreaterThanOrEqualTo(stoppedMs);
      assertThat(a.sentMs()).as("a 503 long after the database came back: " + a)
          .isLessThan(backMs + RECONNECT_GRACE_MS);
    });
    assertThat(ok.stream().filter(a -> a.sentMs() > backMs + RECONNECT_GRACE_MS)).as("runs served again").isNotEmpty();
    assertThat(savedWhileAway.statusCode()).isEqualTo(503);
    assertThat(savedWhileAway.headers().firstValue("Retry-After")).isPresent();
    assertThat(savedAfter.statusCode()).isEqualTo(201);

    List<String> acknowledged = ok.stream().map(Answer::runId).toList();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int finished = 0;
    try (Connection db = DriverManager.getConnection(url("runlab"), "postgres", "")) {
      while (System.nanoTime() < deadline) {
        finished = count(db, "SELECT COUNT(*) FROM run_record WHERE id = ANY (?::uuid[]) AND state = 'FINISHED'"
            + " AND verdict IS NOT NULL", acknowledged);
        if (finished == acknowledged.size()) {
          break;
        }
        Thread.sleep(1000);
      }
      figures.add("acknowledged runs in the ledger, finished: " + finished + " of " + acknowledged.size());
      assertThat(count(db, "SELECT COUNT(*) FROM run_record WHERE id = ANY (?::uuid[])", acknowledged))
          .as("acknowledged runs recorded").isEqualTo(acknowledged.size());
      assertThat(finished).as("acknowledged runs with their end").isEqualTo(acknowledged.size());
      assertThat(count(db, "SELECT COUNT(*) FROM snapshot WHERE files::text LIKE '%after%'", List.of())).isEqualTo(1);
    }
  }

  private static void load(HttpClient visitor, long t0, AtomicBoolean loading, List<Answer> answers) {
    while (loading.get()) {
      long sent = ms(t0);
      try {
        HttpResponse<String> r = MemberKillFaultsIT.post(visitor, server, QuotaSpec.SERVER_CODE, true);
        answers.add(new Answer(sent, ms(t0), r.statusCode(), r.statusCode() == 200 ? MemberKillFaultsIT.id(r) : null,
            r.headers().firstValue("Retry-After").orElse(null)));
        if (r.statusCode() == 503) {
          Thread.sleep(200);
        }
      } catch (Exception e) {
        answers.add(new Answer(sent, ms(t0), -1, null, null));
      }
    }
  }

  private static HttpResponse<String> save(WebClient web, String code) {
    return web.send(HttpRequest.newBuilder(web.base().resolve("api/workspaces/hello/snapshots"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"files\":[{\"path\":\"main.py\",\"content\":\"" + code
            + "\"}],\"entry\":\"main.py\",\"reason\":\"AUTO\"}")).build());
  }

  private static long ms(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static String url(String db) {
    return "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + db;
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

  /** pg_ctl on the private cluster, as the postgres user (initdb and postgres refuse root). */
  private static void pg(String action, String... more) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PG_BIN.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-w",
        "-l", pgData.resolve("server.log").toString(),
        "-o", "-p " + PG_PORT + " -k " + pgData + " -c listen_addresses=127.0.0.1", action));
    cmd.addAll(List.of(more));
    asPostgres(cmd.toArray(String[]::new));
  }

  private static void asPostgres(String... cmd) throws Exception {
    List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    all.addAll(List.of(cmd));
    sh(all.toArray(String[]::new));
  }

  private static void sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }
}
