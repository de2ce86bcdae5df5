package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Tiers, rate limits, the priority queue and the budget guard over HTTP. Cross-address bypasses
 * (rotating cookies, spoofed X-Forwarded-For, many accounts on one address) are in
 * {@link QuotaClusterIT}, whose instances keep the default address rules; this deployment relaxes
 * them because every test client shares 127.0.0.1.
 */
@RunlabSpec
@Order(90)
class QuotaSpec {
  static final String SERVER_CODE = "import threading\nprint('on a server')\n";

  private final URI base;

  QuotaSpec(URI base) {
    this.base = base;
  }

  static String runJson(String code, boolean wait, String engine) {
    return Json.createObjectBuilder().add("entry", "main.py").add("wait", wait).add("engine", engine)
        .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder().add("path", "main.py").add("content", code)))
        .build().toString();
  }

  static HttpResponse<String> post(WebClient web, String json) {
    return web.send(HttpRequest.newBuilder(web.base().resolve("api/runs"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private final Map<WebClient, String> emails = new java.util.IdentityHashMap<>();

  private WebClient freeLearner() {
    WebClient web = new WebClient(base);
    String email = AccountSpec.uniqueEmail();
    AccountSpec.signUp(web, email, "Quota Learner", "quota tests 123");
    emails.put(web, email);
    return web;
  }

  private String signedUpEmail(WebClient web) {
    return emails.get(web);
  }

  static void override(URI base, String scope, String subject, Map<String, String> values) {
    override(base, AdminSpec.ADMIN_PASSWORD, scope, subject, values);
  }

  static void override(URI base, String adminPassword, String scope, String subject, Map<String, String> values) {
    WebClient admin = new WebClient(base);
    AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, adminPassword);
    Map<String, String> fields = new HashMap<>(values);
    fields.put("scope", scope);
    fields.put("subject", subject);
    HttpResponse<String> page = admin.submit("admin/limits.xhtml", "limits", fields, "save");
    assertThat(page.body()).contains("Saved for");
  }

  @Test
  void admitsExactlyThirtyOf200SimultaneousServerRunsOfOneFreeLearner() throws Exception {
    WebClient web = freeLearner();
    String body = runJson(SERVER_CODE, false, "auto");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(pool.submit(() -> {
        go.await();
        return post(web, body);
      }));
    }
    go.countDown();
    Map<Integer, Integer> byStatus = new HashMap<>();
    HttpResponse<String> refused = null;
    for (Future<HttpResponse<String>> f : answers) {
      HttpResponse<String> r = f.get(300, TimeUnit.SECONDS);
      byStatus.merge(r.statusCode(), 1, Integer::sum);
      if (r.statusCode() == 429) {
        refused = r;
      }
    }
    pool.shutdown();

    assertThat(byStatus).containsEntry(202, 30).containsEntry(429, 170);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"hour\";r=0;t=");
    assertThat(refused.headers().firstValue("RateLimit-Policy").orElseThrow())
        .isEqualTo("\"hour\";q=30;w=3600, \"day\";q=150;w=86400");
    JsonObject problem = json(refused);
    assertThat(problem.getInt("status")).isEqualTo(429);
    assertThat(problem.getString("detail")).contains("this hour's 30 server runs", "UTC", "Upgrade");
    assertThat(problem.getString("resetsAt")).endsWith(":00:00Z");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  @Test
  void everyRunsAnswerCarriesRateLimitHeadersAndAWarningNearTheLimit() {
    WebClient web = freeLearner();
    String email = signedUpEmail(web);
    override(base, "USER", email, Map.of("runsPerHour", "5"));

    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(post(web, runJson(SERVER_CODE, true, "auto")));
    }

    assertThat(answers.get(0).statusCode()).isEqualTo(200);
    assertThat(answers.get(0).headers().firstValue("RateLimit-Policy").orElseThrow())
        .startsWith("\"hour\";q=5;w=3600");
    assertThat(answers.get(0).headers().firstValue("RateLimit").orElseThrow()).startsWith("\"hour\";r=4;t=");
    assertThat(json(answers.get(0)).getJsonObject("quota").containsKey("warning")).isFalse();
    assertThat(json(answers.get(3)).getJsonObject("quota").getString("warning")).isEqualTo("1 server run left this hour");
    assertThat(answers.get(3).headers().firstValue("Runlab-Quota-Warning")).contains("1 server run left this hour");
    assertThat(answers.get(5).statusCode()).isEqualTo(429);
    String id = json(answers.get(0)).getString("id");
    HttpResponse<String> lookUp = web.get("api/runs/" + id);
    assertThat(lookUp.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"hour\";r=0;t=");
    assertThat(lookUp.headers().firstValue("RateLimit-Policy")).isPresent();
  }

  @Test
  void browserRunsAreFreeUnlimitedAndStillCarryTheHeaders() {
    WebClient web = freeLearner();
    String email = signedUpEmail(web);
    override(base, "USER", email, Map.of("runsPerHour", "1"));
    post(web, runJson(SERVER_CODE, true, "auto"));

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> browser = post(web, runJson("print('in the browser')\n", false, "auto"));
      assertThat(browser.statusCode()).isEqualTo(200);
      assertThat(json(browser).getString("engine")).isEqualTo("browser");
      assertThat(browser.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"hour\";r=0;");
    }
    assertThat(post(web, runJson(SERVER_CODE, true, "auto")).statusCode()).isEqualTo(429);
  }

  @Test
  void eachLearnersDayOfRunsIsCountedInTheDatabase() throws Exception {
    WebClient web = freeLearner();
    String email = signedUpEmail(web);
    override(base, "USER", email, Map.of("runsPerHour", "2"));
    for (int i = 0; i < 2; i++) {
      assertThat(post(web, runJson(SERVER_CODE, true, "auto")).statusCode()).isEqualTo(200);
    }
    assertThat(post(web, runJson(SERVER_CODE, true, "auto")).statusCode()).isEqualTo(429);
    assertThat(post(web, runJson("print('in the browser')\n", false, "auto")).statusCode()).isEqualTo(200);

    // Usage is written behind the answers, about once a second.
    long[] row = null;
    for (int i = 0; i < 100 && (row == null || row[0] < 2 || row[2] < 1 || row[1] < 1); i++) {
      Thread.sleep(100);
      try (java.sql.Connection c = SharedDeployment.database();
          java.sql.PreparedStatement q = c.prepareStatement("SELECT u.server_runs, u.browser_runs, u.refused_runs,"
              + " u.cpu_ms FROM daily_usage u JOIN app_user a ON u.identity_key = 'user:' || a.id"
              + " WHERE a.email = ?")) {
        q.setString(1, email);
        try (java.sql.ResultSet rs = q.executeQuery()) {
          row = rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)} : null;
        }
      }
    }
    assertThat(row).as("server, browser, refused runs, CPU ms").isNotNull();
    assertThat(row[0]).isEqualTo(2);
    assertThat(row[1]).isEqualTo(1);
    assertThat(row[2]).isEqualTo(1);
    assertThat(row[3]).isPositive();
  }

  @Test
  void anOverrideOfALearnerIsAuditedWithOldAndNewValues() {
    WebClient web = freeLearner();
    String email = signedUpEmail(web);
    override(base, "USER", email, Map.of("runsPerHour", "7"));
    override(base, "USER", email, Map.of("runsPerHour", "9", "runsPerDay", "20"));

    WebClient admin = new WebClient(base);
    AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, AdminSpec.ADMIN_PASSWORD);
    String page = admin.get("admin/limits.xhtml").body();

    assertThat(page).contains("runs-per-hour=7", "runs-per-hour=9, runs-per-day=20", AdminSpec.ADMIN_EMAIL);
  }

  @Test
  void anAdminsWallTimeOverrideReachesTheBrowserRun() {
    WebClient web = freeLearner();
    assertThat(lessonLimits(web)).contains("\"wallSeconds\":10");

    override(base, "USER", signedUpEmail(web), Map.of("wallSeconds", "3"));

    // The page hands these limits to its Pyodide worker, which stops a run after wallSeconds.
    assertThat(lessonLimits(web)).contains("\"wallSeconds\":3");
  }

  /** The limits the lesson page gives its workspace script (the data-limits attribute). */
  private static String lessonLimits(WebClient web) {
    String page = web.get("lesson.xhtml?l=hello").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-limits=\"([^\"]*)\"").matcher(page);
    assertThat(m.find()).as("the lesson page carries its limits").isTrue();
    return m.group(1).replace("&quot;", "\"");
  }

  @Test
  void aPaidRunStartsWhileFreeRunsWaitAndAnonymousWaitIsBounded() throws Exception {
    WebClient free = freeLearner();
    override(base, "USER", signedUpEmail(free), Map.of("concurrentRuns", "6", "wallSeconds", "10"));
    List<String> freeRuns = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = post(free, runJson("import threading, time\ntime.sleep(6)\n", false, "auto"));
      assertThat(r.statusCode()).isEqualTo(202);
      freeRuns.add(json(r).getString("id"));
    }
    WebClient paid = freeLearner();
    makePaid(signedUpEmail(paid));

    HttpResponse<String> paidRun = post(paid, runJson(SERVER_CODE, false, "local"));
    String paidId = json(paidRun).getString("id");
    String paidState = "QUEUED";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ("QUEUED".equals(paidState) && System.nanoTime() < deadline) {
      paidState = json(paid.get("api/runs/" + paidId)).getString("state");
    }
    String lastFree = json(free.get("api/runs/" + freeRuns.get(5))).getString("state");

    assertThat(paidState).isIn("RUNNING", "FINISHED");
    assertThat(lastFree).isEqualTo("QUEUED");

    override(base, "TIER", "ANONYMOUS", Map.of("maxQueueSeconds", "2"));
    try {
      long start = System.nanoTime();
      HttpResponse<String> anon = post(new WebClient(base), runJson(SERVER_CODE, true, "auto"));
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      JsonObject result = json(anon);
      assertThat(result.getString("verdict")).isEqualTo("REFUSED");
      assertThat(result.getJsonArray("notices").toString()).contains("busy", "Sign up");
      assertThat(waitedMs).isLessThan(30_000);
    } finally {
      override(base, "TIER", "ANONYMOUS", Map.of());
    }
  }

  @Test
  void budgetStagesFollowSyntheticSpendUpToTheHardCap() throws Exception {
    BigDecimal monthly = gauge("runlab_budget_monthly_usd");
    BigDecimal hardCap = gauge("runlab_budget_hard_cap_usd");
    String marker = "budget-test-" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection db = SharedDeployment.database()) {
      try {
        addSpend(db, marker, monthly.multiply(new BigDecimal("0.85")));
        awaitStage(1);
        addSpend(db, marker, monthly.multiply(new BigDecimal("0.07")));
        awaitStage(2);
        addSpend(db, marker, monthly.multiply(new BigDecimal("0.10")));
        awaitStage(3);
        addSpend(db, marker, hardCap.subtract(monthly));
        awaitStage(4);
        WebClient admin = new WebClient(base);
        AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, AdminSpec.ADMIN_PASSWORD);
        assertThat(admin.get("admin/index.xhtml").body()).contains("HARD_CAP", "E2B is off");
      } finally {
        removeSpend(db, marker);
      }
      awaitStage(0);
    }
  }

  private BigDecimal gauge(String name) {
    String text = new WebClient(base).get("/metrics?scope=application").body();
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(text);
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return new BigDecimal(m.group(1));
  }

  private void awaitStage(int stage) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (gauge("runlab_budget_stage").intValue() != stage && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(gauge("runlab_budget_stage").intValue()).isEqualTo(stage);
  }

  /** A synthetic sandbox lease when the E2B leases table exists, else a local run's CPU cost. */
  private static void addSpend(Connection db, String marker, BigDecimal usd) throws Exception {
    boolean leases = hasLeases(db);
    Timestamp now = Timestamp.from(Instant.now());
    if (leases) {
      try (PreparedStatement ps = db.prepareStatement("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus,"
          + " memory_mb, purpose, learner, created_at, ended_at, billed_seconds, idle_pool_seconds, cost_usd,"
          + " idle_pool_cost_usd) VALUES (?, ?, 'synthetic', 2, 512, 'SESSION', ?, ?, ?, 1, 0, ?, 0)")) {
        ps.setObject(1, UUID.randomUUID());
        ps.setString(2, marker);
        ps.setString(3, marker);
        ps.setTimestamp(4, now);
        ps.setTimestamp(5, now);
        ps.setBigDecimal(6, usd);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO run_record (id, owner_key, tier, requested_engine,"
        + " engine, state, verdict, file_count, code_bytes, reasons, cost_usd, created_at, finished_at)"
        + " VALUES (?, ?, 'PAID', 'local', 'local', 'FINISHED', 'OK', 1, 1, '[]', ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, marker);
      ps.setBigDecimal(3, usd);
      ps.setTimestamp(4, now);
      ps.setTimestamp(5, now);
      ps.executeUpdate();
    }
  }

  private static void removeSpend(Connection db, String marker) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM run_record WHERE owner_key = ?")) {
      ps.setString(1, marker);
      ps.executeUpdate();
    }
    if (hasLeases(db)) {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM sandbox_lease WHERE sandbox_id = ?")) {
        ps.setString(1, marker);
        ps.executeUpdate();
      }
    }
  }

  private static boolean hasLeases(Connection db) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(
        "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'sandbox_lease'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  private static void makePaid(String email) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement ps = db.prepareStatement("UPDATE app_user SET tier = 'PAID' WHERE email = ?")) {
      ps.setString(1, email);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
