package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/runlab cluster 2} as an operator starts it (two members behind HAProxy on one
 * PostgreSQL), driven through HAProxy: the run API and its SSE events without stickiness, the
 * console's pages with it, the members on the overview, cluster-wide jobs on one member, and
 * {@code kill -9} of a member: the survivor logs it, takes its jobs over, frees the learner's
 * concurrency slot within the stated 45 s, and counts the learner's runs exactly.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static final int LIMIT = 6;
  private static final TestSlot SLOT = TestSlot.CURRENT;
  /** HAProxy's port; the members have the next two (and Hazelcast those minus 1180). */
  private static final int LB = SLOT.port(18600);
  private static final int[] MEMBER = {LB + 1, LB + 2};
  private static final String DB = SLOT.name("runlab_cluster");
  private static final String PLACES = SLOT.name("runlab-cluster-it");
  private static final String ADMIN_PASSWORD = "cluster-Secret-7";
  private static final String SLOW_CODE = "import threading, time\ntime.sleep(90)\nprint('late')\n";
  private static final String TICKING_CODE =
      "import threading, time\nfor i in range(3):\n    print('tick', i, flush=True)\n    time.sleep(0.2)\n";
  private static final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static Process cluster;
  private static Path work;

  @BeforeAll
  static void startTheCluster() throws Exception {
    Path home = Path.of(System.getProperty("runlab.home"));
    work = home.resolve("target/cluster-it");
    deleteTree(work);
    Files.createDirectories(work);
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
      admin.createStatement().execute("CREATE DATABASE " + DB);
    }
    ProcessBuilder b = new ProcessBuilder(home.resolve("bin/runlab").toString(), "cluster", "2", "--port",
        Integer.toString(LB), "--no-install", "--no-build", "--data-dir", work.toString(),
        "--cluster-name", SLOT.name("runlab-cluster-it"))
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("cluster.out").toFile());
    Map<String, String> env = b.environment();
    env.put("RUNLAB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB);
    env.put("RUNLAB_DB_USER", "postgres");
    env.put("RUNLAB_DB_PASSWORD", "postgres");
    env.put("RUNLAB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("RUNLAB_E2B_API_KEY", "");
    env.put("RUNLAB_JAVA_OPTS", "-Xmx512m -Djava.io.tmpdir=" + work);
    env.put("RUNLAB_LOCAL_WORK_ROOT", "/dev/shm/" + PLACES);
    env.put("RUNLAB_LOCAL_CGROUP_PARENT", PLACES);
    env.put("RUNLAB_TIER_ANONYMOUS_RUNS_PER_HOUR", Integer.toString(LIMIT));
    env.put("RUNLAB_TIER_ANONYMOUS_RUNS_PER_DAY", "100");
    env.put("RUNLAB_TIER_ANONYMOUS_CONCURRENT_RUNS", "1");
    env.put("RUNLAB_TIER_ANONYMOUS_MAX_QUEUE_SECONDS", "120");
    env.put("RUNLAB_QUOTA_ANONYMOUS_ADDRESS_FACTOR", "100");
    cluster = b.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(work.resolve("cluster.out"));
      if (out.contains("members is ready behind HAProxy")) {
        for (int n = 0; n < 2; n++) {
          HttpResponse<String> ready = plain.send(HttpRequest.newBuilder(member(n).resolve("/health/ready")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(ready.statusCode()).as("member %d answers on its own port", n + 1).isEqualTo(200);
        }
        return;
      }
      assertThat(cluster.isAlive()).as("bin/runlab cluster exited:\n" + out).isTrue();
      Thread.sleep(1000);
    }
    throw new AssertionError("the cluster did not come up in 900 s; see " + work);
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    if (cluster != null) {
      cluster.destroy(); // SIGTERM: bin/runlab stops HAProxy and the members, as on Ctrl+C
      if (!cluster.waitFor(90, TimeUnit.SECONDS)) {
        cluster.descendants().forEach(ProcessHandle::destroyForcibly);
        cluster.destroyForcibly();
      }
    }
    try (Connection admin = postgres("postgres")) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + DB);
    } catch (Exception e) {
      // a connection of the killed member may hold it for a moment; the next run drops it
    }
  }

  @Test
  @Order(1)
  void runsAndTheirEventsWorkThroughHaproxyWithoutStickiness() throws Exception {
    HttpClient visitor = visitor();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> created = post(visitor, lb(), TICKING_CODE, false);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      String events = events(visitor, lb().resolve(eventsUrl(created.body())));
      assertThat(events).contains("event: started", "tick 0", "tick 2", "event: result", "\"verdict\":\"OK\"");
    }
    for (int n = 0; n < 2; n++) {
      assertThat(counter(metrics(n), "runlab_quota_decisions_total", "allowed=\"true\""))
          .as("server runs admitted by member " + (n + 1) + " (HAProxy sends new runs to either)").isPositive();
    }
  }

  @Test
  @Order(2)
  void consolePagesStickToAMemberAndTheOverviewListsBothMembers() {
    for (int i = 0; i < 3; i++) {
      WebClient admin = new WebClient(lb());
      HttpResponse<String> signedIn = AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, ADMIN_PASSWORD);
      assertThat(signedIn.body()).as("a sign-in (a Faces postback to the member that rendered the form)")
          .contains("Sign out");
      String overview = admin.get("admin/index.xhtml").body();
      assertThat(count(overview, "class=\"rl-member\"")).isEqualTo(2);
      assertThat(overview).contains("this member", ">up<", "127.0.0.1:" + (MEMBER[0] - 1180),
          "127.0.0.1:" + (MEMBER[1] - 1180));
    }
  }

  @Test
  @Order(3)
  void eachClusterWideJobRunsOnOneMember() throws Exception {
    double[] before = {budgetRounds(0), budgetRounds(1)};
    Thread.sleep(35_000);
    double[] grew = {budgetRounds(0) - before[0], budgetRounds(1) - before[1]};
    assertThat(grew[0] > 0 ^ grew[1] > 0).as("budget rounds grew by %s on member 1, %s on member 2", grew[0], grew[1])
        .isTrue();
  }

  @Test
  @Order(4)
  void aMemberKilledMidRunLeavesQuotasExactAndItsWorkToTheSurvivor() throws Exception {
    HttpClient learner = visitor();
    for (int i = 0; i < 3; i++) {
      assertThat(post(learner, lb(), TICKING_CODE, true).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> slow = post(learner, member(1), SLOW_CODE, false);
    assertThat(slow.statusCode()).as("a long run on member 2, holding the learner's one slot").isEqualTo(202);
    Thread.sleep(3000);
    ProcessHandle java = memberJava(2).orElseThrow(() -> new AssertionError("member 2's JVM not found"));
    java.destroyForcibly();
    long killed = System.nanoTime();
    java.onExit().get(30, TimeUnit.SECONDS);

    HttpResponse<String> next = post(learner, lb(), TICKING_CODE, false);
    assertThat(next.statusCode()).as("the 5th run, admitted (queued behind the dead member's slot)").isEqualTo(202);
    String events = events(learner, lb().resolve(eventsUrl(next.body())));
    long freedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
    assertThat(events).contains("\"verdict\":\"OK\"");
    assertThat(freedAfter).as("seconds until the dead member's concurrency slot was free").isLessThanOrEqualTo(60);
    Files.writeString(work.resolve("slot-freed-after-s.txt"), freedAfter + "\n");

    assertThat(post(learner, lb(), TICKING_CODE, true).statusCode()).as("the 6th run").isEqualTo(200);
    HttpResponse<String> seventh = post(learner, lb(), TICKING_CODE, true);
    assertThat(seventh.statusCode()).as("the 7th run: the hour's %d are spent, the dead member's included", LIMIT)
        .isEqualTo(429);
    assertThat(seventh.headers().firstValue("RateLimit").orElse("")).contains("\"hour\";r=0", "\"day\";r=" + (100 - LIMIT));

    String log = Files.readString(work.resolve("member-1/logs/runlab.log"));
    assertThat(log).contains("Runlab cluster: member left: 127.0.0.1:" + (MEMBER[1] - 1180));
    double rounds = budgetRounds(0);
    Thread.sleep(45_000);
    assertThat(budgetRounds(0)).as("the survivor runs the budget job").isGreaterThan(rounds);
  }

  private static URI lb() {
    return URI.create("http://127.0.0.1:" + LB + "/");
  }

  private static URI member(int n) {
    return URI.create("http://127.0.0.1:" + MEMBER[n] + "/");
  }

  private static HttpClient visitor() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<String> post(HttpClient client, URI base, String code, boolean wait) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve("/api/runs")).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.ofString(QuotaSpec.runJson(code, wait, "auto")))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String eventsUrl(String body) {
    Matcher m = Pattern.compile("\"eventsUrl\":\"([^\"]+)\"").matcher(body);
    assertThat(m.find()).as("eventsUrl in " + body).isTrue();
    return m.group(1);
  }

  /** The run's SSE stream as text, up to its result event (failing after 150 s without it). */
  private static String events(HttpClient client, URI uri) throws Exception {
    HttpResponse<Stream<String>> r = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(150)).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    StringBuffer out = new StringBuffer();
    CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
      try (Stream<String> lines = r.body()) {
        boolean[] last = {false};
        lines.takeWhile(l -> !(last[0] && l.isEmpty())).forEach(l -> {
          out.append(l).append('\n');
          if (l.equals("event: result")) {
            last[0] = true;
          }
        });
      }
    });
    try {
      read.get(150, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      throw new AssertionError("no result event within 150 s from " + uri + "; got:\n" + out);
    }
    return out.toString();
  }

  private static String metrics(int n) throws Exception {
    return plain.send(HttpRequest.newBuilder(member(n).resolve("/metrics?scope=application")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double budgetRounds(int n) throws Exception {
    return counter(metrics(n), "runlab_cluster_job_rounds_total", "job=\"budget\"");
  }

  /** The sum of counter {@code name}'s series whose labels contain {@code label}. */
  private static double counter(String metrics, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains(label)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** Member {@code n}'s Payara JVM (started by bin/runlab with its data directory). */
  private static Optional<ProcessHandle> memberJava(int n) {
    String dir = "-Drunlab.data-dir=" + work.resolve("member-" + n);
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(dir)
        && c.contains("payara-micro.jar")).orElse(false)).findFirst();
  }

  private static Connection postgres(String db) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
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
