package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances of the real WAR on one PostgreSQL database, both keeping the nightly
 * schedule: each night's job starts once, not once per instance; and a cost report whose instance
 * is killed (kill -9) mid-chunk is restarted by the other from its last checkpoint, counting
 * nothing twice.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchClusterIT {
  private static final TestSlot SLOT = TestSlot.CURRENT;
  private static final int[] HTTP = {SLOT.port(18473), SLOT.port(18474)};
  private static final int[] HAZELCAST = {SLOT.port(6973), SLOT.port(6974)};
  private static final String DB = SLOT.name("runlab_batch_cluster");
  private static final String PLACES = SLOT.name("runlab-batch-cluster");
  private static final String ADMIN_PASSWORD = "cluster-Secret-7";
  private static final List<Process> nodes = new ArrayList<>();
  private static final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static Path work;
  /** The nightly time both instances are given: just passed, so the night is due at start. */
  private static final String SCHEDULE = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2)
      .format(DateTimeFormatter.ofPattern("HH:mm"));

  @BeforeAll
  static void startTwoInstances() throws Exception {
    Path home = Path.of(System.getProperty("runlab.home"));
    work = home.resolve("target/batch-cluster");
    deleteTree(work);
    Files.createDirectories(work);
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
      admin.createStatement().execute("CREATE DATABASE " + DB);
    }
    String cluster = "runlab-batch-" + UUID.randomUUID().toString().substring(0, 8);
    for (int n = 0; n < 2; n++) {
      nodes.add(start(home, n, cluster));
      awaitUp(n, 400);
    }
  }

  private static Process start(Path home, int n, String cluster) throws IOException {
    Path dir = work.resolve("node-" + n);
    Files.createDirectories(dir);
    List<String> cmd = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dhazelcast.socket.bind.any=false",
        "-Djava.io.tmpdir=" + dir,
        "-Drunlab.db.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
        "-Drunlab.db.user=postgres", "-Drunlab.db.password=postgres",
        "-Drunlab.data-dir=" + dir.resolve("data"),
        "-Drunlab.admin.password=" + ADMIN_PASSWORD,
        "-Drunlab.local.cgroup-parent=" + PLACES + "-" + n,
        "-Drunlab.local.work-root=/dev/shm/" + PLACES + "-" + n,
        "-Drunlab.local.pool.plain-size=1", "-Drunlab.local.pool.scientific-size=0",
        "-Drunlab.e2b.api-key=",
        "-Drunlab.e2b.instance=batch-node-" + n,
        "-Drunlab.batch.cost-report.schedule=" + SCHEDULE,
        "-Drunlab.batch.anomaly-scan.schedule=" + SCHEDULE,
        "-Drunlab.batch.chunk-size=500",
        "-Drunlab.batch.chunk-pause-ms=300",
        "-Drunlab.batch.orphan-after=PT20S",
        "-jar", home.resolve("target/payara-micro.jar").toString(),
        "--deploy", home.resolve("target/runlab.war").toString(), "--contextroot", "/",
        "--port", Integer.toString(HTTP[n]), "--disablephonehome",
        "--clustermode", "tcpip:127.0.0.1:" + HAZELCAST[0] + ",127.0.0.1:" + HAZELCAST[1],
        "--startport", Integer.toString(HAZELCAST[n]), "--interfaces", "127.0.0.1",
        "--clustername", cluster,
        "--unpackdir", dir.resolve("payara").toString(),
        "--prebootcommandfile", home.resolve("payara-config/pre-boot-commands.asadmin").toString());
    return new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
  }

  private static void awaitUp(int n, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      assertThat(nodes.get(n).isAlive()).as("instance " + n + " exited; see " + log(n)).isTrue();
      try {
        HttpResponse<String> h = plain.send(HttpRequest.newBuilder(base(n).resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (h.statusCode() == 200 && h.body().contains("\"status\":\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("instance " + n + " did not come up; see " + log(n));
  }

  private static Path log(int n) {
    return work.resolve("node-" + n).resolve("server.log");
  }

  static URI base(int n) {
    return URI.create("http://127.0.0.1:" + HTTP[n] + "/");
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : nodes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : nodes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (int n = 0; n < 2; n++) {
      deleteTree(Path.of("/dev/shm", PLACES + "-" + n)); // the killed instance could not clear its sandboxes' files
    }
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
    } catch (Exception e) {
      // a connection left behind by a killed instance may hold it for a moment; the next run drops it
    }
  }

  private static Connection postgres(String db) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
  }

  @Test
  @Order(1)
  void bothInstancesKeepTheNightlyScheduleAndEachNightsJobRunsOnce() throws Exception {
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    // Each instance looks every 30 s, the first time 30 s after its start: wait until the second
    // has looked (its check passed, then it tried the night's launches) and then once more.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.readString(log(1)).contains("Batch runtime check passed") && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    Thread.sleep(35_000);
    try (Connection c = postgres(DB)) {
      assertThat(strings(c, "SELECT job_name || ' ' || run_key FROM job_launch ORDER BY 1")).containsExactly(
          "anomaly-scan day:" + yesterday, "cost-report day:" + yesterday, "cost-report mtd:" + yesterday);
      assertThat(strings(c, "SELECT i.name FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i"
          + " ON i.jobinstanceid = e.jobinstanceid WHERE i.name <> 'runtime-check' ORDER BY 1"))
          .containsExactly("anomaly-scan", "cost-report", "cost-report");
      assertThat(strings(c, "SELECT DISTINCT i.name FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i"
          + " ON i.jobinstanceid = e.jobinstanceid WHERE i.name = 'runtime-check'")).containsExactly("runtime-check");
      long checks = strings(c, "SELECT e.jobexecid FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i"
          + " ON i.jobinstanceid = e.jobinstanceid WHERE i.name = 'runtime-check'").size();
      assertThat(checks).as("each instance checked its batch runtime against the database").isEqualTo(2);
    }
    awaitNoneRunning();
  }

  @Test
  @Order(2)
  void aReportKilledMidChunkIsRestartedByTheOtherInstanceWithoutCountingTwice() throws Exception {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(40);
    int runs = 12_000;
    BigDecimal expected = seed(day, runs);
    WebClient admin = new WebClient(base(0));
    AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, ADMIN_PASSWORD);
    HttpResponse<String> started = RunApiSpec.post(admin, "api/reports/cost",
        "{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}", "application/json");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = RunApiSpec.json(started).getJsonNumber("id").longValue();

    long read = 0;
    for (int i = 0; i < 600 && read < 2500; i++) {
      Thread.sleep(100);
      read = progress(id);
    }
    assertThat(read).as("chunks committed before the kill").isBetween(2500L, (long) runs - 1000);
    List<ProcessHandle> sandboxes = nodes.get(0).descendants().toList();
    nodes.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    sandboxes.forEach(ProcessHandle::destroyForcibly);
    Files.writeString(work.resolve("killed-at-read.txt"), read + "\n");

    WebClient other = new WebClient(base(1));
    AccountSpec.signIn(other, AdminSpec.ADMIN_EMAIL, ADMIN_PASSWORD);
    JsonObject done = null;
    for (int i = 0; i < 240 && done == null; i++) {
      Thread.sleep(1000);
      HttpResponse<String> r = other.get("api/reports/cost/" + id);
      if (r.statusCode() == 200 && RunApiSpec.json(r).containsKey("report")) {
        done = RunApiSpec.json(r);
      }
    }
    assertThat(done).as("the report, finished by the other instance").isNotNull();
    JsonObject report = done.getJsonObject("report");
    assertThat(new BigDecimal(report.getString("grandTotalUsd"))).isEqualByComparingTo(expected);
    assertThat(report.getJsonObject("reconciliation").getBoolean("reconciled")).isTrue();
    assertThat(report.getJsonObject("runs").getInt("total")).isEqualTo(runs);
    int perTier = report.getJsonArray("tiers").getValuesAs(JsonObject.class).stream()
        .mapToInt(l -> l.getInt("runs")).sum();
    assertThat(perTier).as("every run counted once").isEqualTo(runs);
    try (Connection c = postgres(DB)) {
      assertThat(strings(c, "SELECT e.batchstatus || ' ' || e.exitstatus FROM jbatchexecutioninstancedata e"
          + " WHERE e.jobinstanceid = (SELECT jobinstanceid FROM jbatchexecutioninstancedata WHERE jobexecid = " + id
          + ") ORDER BY e.jobexecid")).containsExactly("FAILED ORPHANED", "COMPLETED COMPLETED");
    }
  }

  /** Items the execution has read so far (its committed chunks), from its progress rows. */
  private static long progress(long execution) throws Exception {
    try (Connection c = postgres(DB);
        PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(read_count), 0) FROM job_progress"
            + " WHERE execution_id = ? AND step_name = 'runs'")) {
      ps.setLong(1, execution);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static BigDecimal seed(LocalDate day, int runs) throws Exception {
    BigDecimal total = BigDecimal.ZERO;
    OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
    try (Connection c = postgres(DB)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_record (id, owner_key, tier, lesson_slug,"
          + " requested_engine, engine, state, verdict, cpu_time_ms, wall_time_ms, file_count, code_bytes, reasons,"
          + " cost_usd, created_at) VALUES (?, ?, 'FREE', 'hello', 'auto', 'local', 'FINISHED', 'OK', ?, ?, 1, 10, '[]',"
          + " ?, ?)")) {
        for (int i = 0; i < runs; i++) {
          long cpu = 1 + i % 997;
          BigDecimal cost = LedgerSeed.PRICING.localRun(cpu);
          ps.setObject(1, UUID.randomUUID());
          ps.setString(2, "anon:learner-" + i % 150);
          ps.setLong(3, cpu);
          ps.setLong(4, cpu + 5);
          ps.setBigDecimal(5, cost);
          // Many runs share a time, so the keyset's id order decides within a second.
          ps.setObject(6, start.plusSeconds(i / 3));
          ps.addBatch();
          total = total.add(cost);
        }
        ps.executeBatch();
      }
      c.commit();
    }
    return total;
  }

  private static void awaitNoneRunning() throws Exception {
    for (int i = 0; i < 120; i++) {
      try (Connection c = postgres(DB)) {
        if (strings(c, "SELECT jobexecid FROM jbatchexecutioninstancedata WHERE batchstatus IN ('STARTING', 'STARTED')")
            .isEmpty()) {
          return;
        }
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("the nightly jobs did not finish");
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
