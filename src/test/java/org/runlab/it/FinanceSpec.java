package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Cost reports over the API on PostgreSQL: reconciliation to the cent, bad periods, who may ask. */
@RunlabSpec
@Order(65)
class FinanceSpec {
  private final URI base;

  FinanceSpec(URI base) {
    this.base = base;
  }

  /** A signed-in account with {@code role}: signed up, given the role in the database, signed in again. */
  static WebClient withRole(URI base, String role) throws SQLException {
    String email = AccountSpec.uniqueEmail();
    AccountSpec.signUp(new WebClient(base), email, role + " person", "counting beans 42");
    try (Connection c = SharedDeployment.database();
        PreparedStatement s = c.prepareStatement("INSERT INTO user_role (user_id, role_name)"
            + " SELECT id, ? FROM app_user WHERE email = ?")) {
      s.setString(1, role);
      s.setString(2, email);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    WebClient web = new WebClient(base);
    AccountSpec.signIn(web, email, "counting beans 42");
    return web;
  }

  static WebClient finance(URI base) throws SQLException {
    return withRole(base, "FINANCE");
  }

  static HttpResponse<String> startReport(WebClient web, String body) {
    return RunApiSpec.post(web, "api/reports/cost", body, "application/json");
  }

  /** Starts a report of {@code day} and waits until it is done; its status with the report. */
  static JsonObject reportOf(WebClient web, LocalDate day) throws InterruptedException {
    HttpResponse<String> started = startReport(web, "{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = RunApiSpec.json(started).getJsonNumber("id").longValue();
    return awaitDone(web, "api/reports/cost/" + id);
  }

  static JsonObject awaitDone(WebClient web, String path) throws InterruptedException {
    JsonObject status = null;
    for (int i = 0; i < 600; i++) {
      HttpResponse<String> r = web.get(path);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      status = RunApiSpec.json(r);
      String state = status.getString("state");
      if (state.equals("COMPLETED") && (status.containsKey("report") || status.containsKey("scan"))) {
        return status;
      }
      assertThat(state).as(r.body()).isIn("STARTING", "STARTED", "COMPLETED");
      Thread.sleep(200);
    }
    throw new AssertionError("not done in 120 s: " + status);
  }

  @Test
  void aDaysReportReconcilesWithTheLedgerToTheCentPerTierAndInTotal() throws Exception {
    LedgerSeed seed = LedgerSeed.day(LedgerSeed.unusedDay(30), 300, 12);
    JsonObject status = reportOf(finance(base), seed.day);
    JsonObject report = status.getJsonObject("report");

    assertThat(status.getJsonObject("progress").getInt("percent")).isEqualTo(100);
    assertThat(new BigDecimal(report.getString("grandTotalUsd"))).isEqualByComparingTo(seed.grandTotal());
    JsonObject rec = report.getJsonObject("reconciliation");
    assertThat(rec.getBoolean("reconciled")).isTrue();
    assertThat(new BigDecimal(rec.getString("differenceUsd"))).isZero();
    assertThat(new BigDecimal(rec.getString("ledgerLocalUsd"))).isEqualByComparingTo(seed.localCost);
    assertThat(new BigDecimal(rec.getString("leasesUsd"))).isEqualByComparingTo(seed.leaseCost);

    Map<String, BigDecimal> tiers = new HashMap<>();
    for (JsonObject t : report.getJsonArray("tiers").getValuesAs(JsonObject.class)) {
      tiers.put(t.getString("key"), new BigDecimal(t.getString("costUsd")));
      assertThat(t.getBoolean("matchesLedger")).isTrue();
    }
    seed.tierCost.forEach((tier, cost) -> assertThat(tiers.get(tier)).as(tier).isEqualByComparingTo(cost));

    JsonObject e2b = report.getJsonObject("e2b");
    BigDecimal serving = new BigDecimal(e2b.getString("servingCostUsd"));
    BigDecimal pool = new BigDecimal(e2b.getString("poolIdleCostUsd"));
    BigDecimal session = new BigDecimal(e2b.getString("sessionIdleCostUsd"));
    assertThat(serving).isEqualByComparingTo(seed.e2bRunCost);
    assertThat(pool).isEqualByComparingTo(seed.poolIdleCost);
    assertThat(serving.add(pool).add(session)).as("nothing unattributed").isEqualByComparingTo(seed.leaseCost);
    assertThat(session.signum()).isPositive();

    assertThat(report.getJsonObject("runs").getInt("total")).isEqualTo((int) seed.runs);
    assertThat(report.getJsonArray("learnerCosts")).hasSize(seed.owners.size());
    assertThat(report.getJsonObject("learners").getInt("active")).isEqualTo(seed.owners.size());
    JsonArray top = report.getJsonArray("mostExpensiveRuns");
    assertThat(top).hasSize(20);
    assertThat(new BigDecimal(top.getJsonObject(0).getString("costUsd"))).isEqualByComparingTo(seed.maxRunCost);
    assertThat(report.getJsonObject("month").getString("budgetUsd")).isNotBlank();
  }

  @Test
  void theCsvIsRfc4180WithTheReportsGrandTotal() throws Exception {
    LedgerSeed seed = LedgerSeed.day(LedgerSeed.unusedDay(240), 30, 5);
    WebClient web = finance(base);
    long id = reportOf(web, seed.day).getJsonNumber("id").longValue();
    HttpResponse<String> csv = web.get("api/reports/cost/" + id + ".csv");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).contains("\r\n");
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv.body())).getRecords();
    CSVRecord total = rows.stream().filter(r -> r.get("section").equals("TOTAL")).findFirst().orElseThrow();
    assertThat(new BigDecimal(total.get("cost_usd"))).isEqualByComparingTo(seed.grandTotal());
    assertThat(rows.stream().filter(r -> r.get("section").equals("LEARNER"))).hasSize(seed.owners.size());
  }

  @Test
  void badPeriodsAreRefusedWithAProblemNamingTheField() throws Exception {
    WebClient web = finance(base);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertProblem(startReport(web, "{\"from\":\"2026-02-10\",\"to\":\"2026-02-01\"}"), 422, "to");
    assertProblem(startReport(web, "{\"from\":\"" + today.minusDays(400) + "\",\"to\":\"" + today.minusDays(10) + "\"}"),
        422, "to");
    assertProblem(startReport(web, "{\"from\":\"" + today.plusDays(1) + "\",\"to\":\"" + today.plusDays(2) + "\"}"),
        422, "from");
    assertProblem(startReport(web, "{\"from\":\"" + today.minusDays(2) + "\",\"to\":\"" + today.plusDays(3) + "\"}"),
        422, "to");
    assertProblem(startReport(web, "{\"from\":\"last monday\",\"to\":\"2026-02-01\"}"), 422, "from");
    assertProblem(startReport(web, "{\"from\":\"2026-02-01\",\"to\":\"2026-02-30\"}"), 422, "to");
    HttpResponse<String> notJson = startReport(web, "from=2026-02-01");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertProblem(RunApiSpec.post(web, "api/reports/anomalies", "{\"day\":\"someday\"}", "application/json"), 422, "from");
  }

  @Test
  void learnersVisitorsAndOtherRolesAreRefused() throws Exception {
    WebClient learner = new WebClient(base);
    AccountSpec.signUp(learner, AccountSpec.uniqueEmail(), "Curious Learner", "peeking at money 1");
    HttpResponse<String> page = learner.get("finance/");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).doesNotContain("Month to date");
    assertThat(learner.get("finance/reports.xhtml").statusCode()).isEqualTo(403);
    assertProblem(startReport(learner, "{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}"), 403, null);
    assertThat(learner.get("api/reports/cost").statusCode()).isEqualTo(403);
    assertThat(learner.get("api/reports/anomalies").statusCode()).isEqualTo(403);

    WebClient visitor = new WebClient(base);
    assertProblem(startReport(visitor, "{\"from\":\"2026-01-01\"}"), 403, null);
    assertThat(visitor.get("finance/").uri().getPath()).endsWith("signin.xhtml");

    assertThat(learner.get("admin/jobs.xhtml").statusCode()).isEqualTo(403);
    assertThat(finance(base).get("admin/jobs.xhtml").statusCode()).as("jobs page is for admins").isEqualTo(403);

    WebClient adminWithoutFinance = withRole(base, "ADMIN");
    assertThat(adminWithoutFinance.get("admin/jobs.xhtml").statusCode()).isEqualTo(200);
    assertThat(adminWithoutFinance.get("finance/").statusCode()).isEqualTo(403);
    assertThat(adminWithoutFinance.get("api/reports/cost").statusCode()).isEqualTo(403);
    assertProblem(startReport(adminWithoutFinance, "{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}"), 403, null);
  }

  /** The first admin has the finance role too; any other admin is given it on the People page. */
  @Test
  void financeAndAdminsSeeTheFinancePagesAndTheApi() throws Exception {
    WebClient finance = finance(base);
    HttpResponse<String> page = finance.get("finance/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Month to date", "chart-engine", "chart-tier");
    assertThat(finance.get("finance/anomalies.xhtml").statusCode()).isEqualTo(200);
    assertThat(finance.get("api/reports/cost").statusCode()).isEqualTo(200);

    WebClient admin = new WebClient(base);
    AccountSpec.signIn(admin, AdminSpec.ADMIN_EMAIL, AdminSpec.ADMIN_PASSWORD);
    assertThat(admin.get("finance/").statusCode()).isEqualTo(200);
    assertThat(admin.get("api/reports/cost").statusCode()).isEqualTo(200);
    HttpResponse<String> jobs = admin.get("admin/jobs.xhtml");
    assertThat(jobs.statusCode()).isEqualTo(200);
    assertThat(jobs.body()).contains("Batch jobs");
  }

  @Test
  void theBatchRuntimeKeepsItsJobsInRunlabsDatabase() throws Exception {
    assertThat(new WebClient(base).get("/health").body()).contains("\"name\":\"batch\"");
    int checks = 0;
    for (int i = 0; i < 120 && checks == 0; i++) {
      try (Connection c = SharedDeployment.database();
          ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM jbatchexecutioninstancedata e"
              + " JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid WHERE i.name = 'runtime-check'"
              + " AND e.batchstatus = 'COMPLETED'")) {
        rs.next();
        checks = rs.getInt(1);
      }
      if (checks == 0) {
        Thread.sleep(500);
      }
    }
    assertThat(checks).as("the start-up check's job, in Runlab's own database").isPositive();
    assertThat(new WebClient(base).get("/health").body()).contains("Runlab's database");
  }

  @Test
  void aFinanceUserOpensTheLatestReportInChromiumAndItsCsvTotalIsThePagesTotal() throws Exception {
    LedgerSeed seed = LedgerSeed.day(LedgerSeed.unusedDay(900), 40, 6);
    String email = AccountSpec.uniqueEmail();
    AccountSpec.signUp(new WebClient(base), email, "Finance Person", "counting beans 42");
    try (Connection c = SharedDeployment.database();
        PreparedStatement s = c.prepareStatement("INSERT INTO user_role (user_id, role_name)"
            + " SELECT id, 'FINANCE' FROM app_user WHERE email = ?")) {
      s.setString(1, email);
      s.executeUpdate();
    }
    reportOf(FinanceSpec.finance(base), seed.day);

    Path downloads = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "finance-csv");
    WebDriver browser = BrowserSpec.chromium(downloads);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(base.resolve("signin.xhtml").toString());
      browser.findElement(By.id("email")).sendKeys(email);
      browser.findElement(By.id("password")).sendKeys("counting beans 42");
      browser.findElement(By.id("submit")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rl-user")));
      browser.get(base.resolve("finance/").toString());
      wait.until(ExpectedConditions.elementToBeClickable(By.id("latest-link"))).click();
      String shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grand-total"))).getText();
      assertThat(shown).isEqualTo("$" + cents(seed.grandTotal()).toPlainString());
      assertThat(browser.findElement(By.id("reconciled")).getText()).contains("reconciled to the cent");

      browser.findElement(By.id("csv")).click();
      Path csv = null;
      for (int i = 0; i < 150 && csv == null; i++) {
        try (var files = Files.list(downloads)) {
          csv = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
        }
        if (csv == null) {
          Thread.sleep(200);
        }
      }
      assertThat(csv).as("the CSV downloaded by the browser").isNotNull();
      List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(Files.readString(csv))).getRecords();
      BigDecimal total = new BigDecimal(rows.stream().filter(r -> r.get("section").equals("TOTAL")).findFirst()
          .orElseThrow().get("cost_usd"));
      assertThat("$" + cents(total).toPlainString()).isEqualTo(shown);
    } finally {
      browser.quit();
    }
  }

  static void assertProblem(HttpResponse<String> r, int status, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject p = RunApiSpec.json(r);
    assertThat(p.getInt("status")).isEqualTo(status);
    assertThat(p.getString("detail")).isNotBlank();
    if (field != null) {
      assertThat(p.getString("field")).isEqualTo(field);
    }
  }

  static BigDecimal cents(BigDecimal b) {
    return b.setScale(2, RoundingMode.HALF_UP);
  }

}
