package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The anomaly-scan job on PostgreSQL: each kind found on seeded data, not on normal data, one alert each. */
@RunlabSpec
@Order(66)
class AnomalyScanSpec {
  private final URI base;

  AnomalyScanSpec(URI base) {
    this.base = base;
  }

  @Test
  void eachKindIsFoundOnSeededDataAndAlertedOnceNormalLearnersAreNot() throws Exception {
    LocalDate day = LedgerSeed.unusedDay(500);
    Seeded s = seed(day);
    WebClient web = FinanceSpec.finance(base);

    JsonObject first = scan(web, day);
    List<JsonObject> findings = first.getJsonObject("scan").getJsonArray("findings").getValuesAs(JsonObject.class);
    Map<String, List<String>> byKind = findings.stream().collect(Collectors.groupingBy(f -> f.getString("kind"),
        Collectors.mapping(f -> f.getString("subject"), Collectors.toList())));

    assertThat(byKind.get("LEARNER_SPEND_SPIKE")).containsExactly(s.spender);
    assertThat(byKind.get("HOURLY_SPEND_SPIKE")).containsExactly(day + " 14:00 UTC");
    assertThat(byKind.get("LIMIT_LOOP")).containsExactly(s.looper);
    assertThat(byKind.get("LIKELY_MINING")).containsExactly(s.miner);
    assertThat(byKind.get("ACCOUNTS_PER_ADDRESS")).containsExactly("203.0.113.77");
    assertThat(byKind.get("IDLE_LEASE")).containsExactly("lease " + s.lease);
    assertThat(findings).allSatisfy(f -> assertThat(f.getJsonArray("runs")).isNotEmpty())
        .noneSatisfy(f -> assertThat(f.getString("subject")).isEqualTo(s.normal));
    for (JsonObject f : findings) {
      assertThat(alerts(f.getJsonNumber("id").longValue())).as("alerts of " + f).isEqualTo(1);
    }

    JsonObject again = scan(web, day);
    assertThat(again.getJsonObject("scan").getInt("newFindings")).isZero();
    assertThat(again.getJsonObject("scan").getInt("findingsSeen")).isEqualTo(findings.size());
    for (JsonObject f : findings) {
      assertThat(alerts(f.getJsonNumber("id").longValue())).as("still one alert").isEqualTo(1);
    }
  }

  @Test
  void aFindingIsAcknowledgedWithANoteAndAudited() throws Exception {
    LocalDate day = LedgerSeed.unusedDay(720);
    seed(day);
    WebClient web = FinanceSpec.finance(base);
    long id = scan(web, day).getJsonObject("scan").getJsonArray("findings").getJsonObject(0).getJsonNumber("id")
        .longValue();
    String path = "api/reports/anomalies/findings/" + id;

    FinanceSpec.assertProblem(RunApiSpec.post(web, path, "{\"state\":\"ACKNOWLEDGED\"}", "application/json"), 422, "note");
    FinanceSpec.assertProblem(RunApiSpec.post(web, path, "{\"state\":\"GONE\",\"note\":\"x\"}", "application/json"),
        422, "state");
    HttpResponse<String> ok = RunApiSpec.post(web, path, "{\"state\":\"ACKNOWLEDGED\",\"note\":\"Asked the teacher\"}",
        "application/json");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(RunApiSpec.json(ok).getString("state")).isEqualTo("ACKNOWLEDGED");
    assertThat(web.get("api/reports/anomalies?state=ACKNOWLEDGED").body()).contains("\"id\":" + id);
    try (Connection c = SharedDeployment.database();
        PreparedStatement ps = c.prepareStatement("SELECT old_state, new_state, note FROM anomaly_audit WHERE anomaly_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("OPEN");
        assertThat(rs.getString(2)).isEqualTo("ACKNOWLEDGED");
        assertThat(rs.getString(3)).isEqualTo("Asked the teacher");
      }
    }
    HttpResponse<String> page = web.get("finance/anomalies.xhtml");
    assertThat(page.statusCode()).isEqualTo(200);
  }

  private static JsonObject scan(WebClient web, LocalDate day) throws InterruptedException {
    HttpResponse<String> started = RunApiSpec.post(web, "api/reports/anomalies", "{\"day\":\"" + day + "\"}",
        "application/json");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return FinanceSpec.awaitDone(web, "api/reports/anomalies/" + RunApiSpec.json(started).getJsonNumber("id").longValue());
  }

  private static int alerts(long finding) throws Exception {
    try (Connection c = SharedDeployment.database();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM budget_alert WHERE dedupe_key = ?")) {
      ps.setString(1, "anomaly:" + finding);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Who and what was seeded. */
  record Seeded(String spender, String looper, String miner, String normal, UUID lease) {}

  private static Seeded seed(LocalDate day) throws Exception {
    OffsetDateTime at = day.atTime(14, 0).atOffset(ZoneOffset.UTC);
    String spender = "anon:" + UUID.randomUUID();
    String looper = "anon:" + UUID.randomUUID();
    String miner = "anon:" + UUID.randomUUID();
    String normal = "anon:" + UUID.randomUUID();
    UUID lease = UUID.randomUUID();
    try (Connection c = SharedDeployment.database()) {
      for (int i = 0; i < 3; i++) {
        run(c, spender, "local", "OK", at.plusMinutes(i), 1000, 1200, 100, "0.80", null, "192.0.2.60", "[]");
      }
      for (int i = 0; i < 10; i++) {
        run(c, looper, "local", "TIME_LIMIT", at.plusMinutes(20 + i), 5000, 10000, 2000, "0.0001", null, "192.0.2.61", "[]");
      }
      run(c, miner, "none", "REFUSED", at.plusMinutes(30), 0, 0, 0, "0", null, "192.0.2.62",
          "[{\"code\":\"ABUSE\",\"text\":\"This program connects to a mining pool.\"}]");
      for (int i = 0; i < 6; i++) {
        run(c, "user:" + UUID.randomUUID(), "local", "OK", at.plusMinutes(40 + i), 10, 20, 5, "0.0000002", null,
            "203.0.113.77", "[]");
      }
      for (int i = 0; i < 5; i++) {
        run(c, normal, "local", "OK", at.plusHours(2).plusMinutes(i), 30, 40, 8, "0.0000006", null, "192.0.2.63", "[]");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus,"
          + " memory_mb, purpose, learner, created_at, claimed_at, ended_at, billed_seconds, idle_pool_seconds,"
          + " cost_usd, idle_pool_cost_usd) VALUES (?, ?, 'code-interpreter-v1', 2, 512, 'SESSION', ?, ?, ?, ?, 3600,"
          + " 60, 0.1089, 0.001815)")) {
        ps.setObject(1, lease);
        ps.setString(2, "sbx-idle-" + lease.toString().substring(0, 6));
        ps.setString(3, "user:" + UUID.randomUUID());
        ps.setObject(4, at.minusHours(3));
        ps.setObject(5, at.minusHours(3).plusMinutes(1));
        ps.setObject(6, at.minusHours(2));
        ps.executeUpdate();
      }
      run(c, "anon:" + UUID.randomUUID(), "e2b", "OK", at.minusHours(3).plusMinutes(2), 0, 2000, 10, "0.0000605", lease,
          "192.0.2.64", "[]");
    }
    return new Seeded(spender, looper, miner, normal, lease);
  }

  private static void run(Connection c, String owner, String engine, String verdict, OffsetDateTime at, long cpu,
      long wall, long output, String cost, UUID lease, String address, String reasons) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_record (id, owner_key, user_id, tier, client_address,"
        + " lesson_slug, requested_engine, engine, state, verdict, cpu_time_ms, wall_time_ms, output_bytes, file_count,"
        + " code_bytes, reasons, cost_usd, lease_id, created_at) VALUES (?, ?, ?, 'FREE', ?, 'hello', 'auto', ?,"
        + " 'FINISHED', ?, ?, ?, ?, 1, 10, ?, ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, owner);
      ps.setObject(3, owner.startsWith("user:") ? UUID.fromString(owner.substring(5)) : null);
      ps.setString(4, address);
      ps.setString(5, engine);
      ps.setString(6, verdict);
      ps.setLong(7, cpu);
      ps.setLong(8, wall);
      ps.setLong(9, output);
      ps.setString(10, reasons);
      ps.setBigDecimal(11, new java.math.BigDecimal(cost));
      ps.setObject(12, lease);
      ps.setObject(13, at);
      ps.executeUpdate();
    }
  }
}
