package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The run API over HTTP: decisions, results, streaming, cancel, ownership and every bad input. */
@RunlabSpec
@Order(40)
class RunApiSpec {
  private final URI base;

  RunApiSpec(URI base) {
    this.base = base;
  }

  static String program(String code) {
    return Json.createObjectBuilder()
        .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder().add("path", "main.py").add("content", code)))
        .add("entry", "main.py")
        .build()
        .toString();
  }

  static String withMember(String json, String name, Object value) {
    var b = Json.createObjectBuilder(Json.createReader(new StringReader(json)).readObject());
    if (value instanceof Boolean bool) {
      b.add(name, bool);
    } else {
      b.add(name, String.valueOf(value));
    }
    return b.build().toString();
  }

  static HttpResponse<String> post(WebClient web, String path, String body, String type) {
    return web.send(HttpRequest.newBuilder(web.base().resolve(path))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
        .build());
  }

  static HttpResponse<String> postRun(WebClient web, String json) {
    return post(web, "api/runs", json, "application/json");
  }

  static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  @Test
  void printRunsInTheBrowserWithReasons() {
    HttpResponse<String> r = postRun(new WebClient(base), program("print('hi')"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = json(r);
    assertThat(body.getString("engine")).isEqualTo("browser");
    assertThat(body.getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("DEFAULT_BROWSER");
  }

  @Test
  void aPageWithoutPythonGetsTheServerInsteadOfTheBrowser() {
    HttpResponse<String> r = postRun(new WebClient(base),
        withMember(withMember(program("print('hi')"), "browserUnavailable", true), "wait", true));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = json(r);
    assertThat(body.getString("engine")).isEqualTo("local");
    assertThat(body.getString("stdout")).isEqualTo("hi\n");
    assertThat(body.getJsonArray("reasons").toString()).contains("BROWSER_UNAVAILABLE");
  }

  @Test
  void browserRunsAreReportedOnceByTheirOwner() {
    WebClient web = new WebClient(base);
    String id = json(postRun(web, program("print('hi')"))).getString("id");
    String report = "{\"verdict\":\"OK\",\"exitCode\":0,\"wallTimeMs\":12,\"peakMemoryBytes\":1000,\"stdout\":\"hi\\n\"}";
    assertThat(post(new WebClient(base), "api/runs/" + id + "/report", report, "application/json").statusCode()).isEqualTo(404);
    HttpResponse<String> ok = post(web, "api/runs/" + id + "/report", report, "application/json");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).getString("verdict")).isEqualTo("OK");
    assertThat(post(web, "api/runs/" + id + "/report", report, "application/json").statusCode()).isEqualTo(409);
    assertThat(post(new WebClient(base), "api/runs/" + id + "/report", "{\"verdict\":\"HACKED\"}", "application/json")
        .statusCode()).isEqualTo(404);
  }

  @Test
  void serverRunWithWaitAnswersTheFinishedResult() {
    HttpResponse<String> r = postRun(new WebClient(base),
        withMember(program("import pandas as pd\nprint(pd.Series([1, 2, 3]).sum())"), "wait", true));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = json(r);
    assertThat(body.getString("engine")).isEqualTo("local");
    assertThat(body.getString("verdict")).isEqualTo("OK");
    assertThat(body.getString("stdout")).isEqualTo("6\n");
    assertThat(body.getJsonNumber("peakMemoryBytes").longValue()).isPositive();
    assertThat(body.getJsonArray("reasons").toString()).contains("UNSUPPORTED_IMPORT", "pandas");
    for (String member : List.of("id", "exitCode", "stderr", "stdoutTruncated", "stderrTruncated", "wallTimeMs", "cpuTimeMs", "files")) {
      assertThat(body).containsKey(member);
    }
  }

  @Test
  void serverRunStreamsQueuedStartedOutputThenResult() throws Exception {
    WebClient web = new WebClient(base);
    HttpResponse<String> r = postRun(web, program("import threading, time\nfor i in range(3):\n    print(i, flush=True)\n    time.sleep(0.1)"));
    assertThat(r.statusCode()).isEqualTo(202);
    String events = json(r).getString("eventsUrl");
    HttpResponse<java.io.InputStream> stream = web.sendStreaming(HttpRequest.newBuilder(base.resolve(events))
        .header("Accept", "text/event-stream").GET().build());
    List<String> names = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      String event = null;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
          names.add(event);
        } else if (line.startsWith("data:") && "stdout".equals(event)) {
          out.append(Json.createReader(new StringReader(line.substring(5))).readObject().getString("text"));
        }
        if ("result".equals(event) && line.isEmpty()) {
          break;
        }
      }
    }
    assertThat(names.get(0)).isEqualTo("queued");
    assertThat(names).containsSubsequence("queued", "started", "stdout", "result");
    assertThat(names.get(names.size() - 1)).isEqualTo("result");
    assertThat(out.toString()).isEqualTo("0\n1\n2\n");
  }

  @Test
  void cancelStopsARunningProgram() throws Exception {
    WebClient web = new WebClient(base);
    HttpResponse<String> r = postRun(web, program("import threading, time\nprint('started', flush=True)\ntime.sleep(30)"));
    String id = json(r).getString("id");
    for (int i = 0; i < 50 && !json(web.get("api/runs/" + id)).getString("state").equals("RUNNING"); i++) {
      Thread.sleep(100);
    }
    HttpResponse<String> stopped = web.send(HttpRequest.newBuilder(base.resolve("api/runs/" + id)).DELETE().build());
    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(json(stopped).getString("verdict")).isEqualTo("CANCELLED");
    assertThat(json(web.get("api/runs/" + id)).getString("verdict")).isEqualTo("CANCELLED");
  }

  /**
   * The ledger has every server run once, in its final form: a short run written whole, a longer
   * one written open after about a second (so admins see it) and its end after it.
   */
  @Test
  void serverRunsAreRecordedInTheLedgerWithTheirOutcome() throws Exception {
    WebClient web = new WebClient(base);
    String shortId = json(postRun(web, withMember(program("import threading\nprint(1)"), "wait", true))).getString("id");
    String longId = json(postRun(web, program("import threading, time\ntime.sleep(2.5)\nprint(2)"))).getString("id");
    assertThat(awaitRecord(shortId, "FINISHED")).isEqualTo("FINISHED OK");
    assertThat(awaitRecord(longId, "QUEUED")).isEqualTo("QUEUED null");
    assertThat(awaitRecord(longId, "FINISHED")).isEqualTo("FINISHED OK");
  }

  /** The run's record as "state verdict" once it is in {@code state}, polling for up to 10 s. */
  private static String awaitRecord(String id, String state) throws Exception {
    String seen = "absent";
    for (int i = 0; i < 100; i++) {
      try (java.sql.Connection c = SharedDeployment.database();
          java.sql.PreparedStatement s = c.prepareStatement("SELECT state, verdict FROM run_record WHERE id = ?")) {
        s.setObject(1, java.util.UUID.fromString(id));
        try (java.sql.ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            seen = rs.getString(1) + " " + rs.getString(2);
            if (rs.getString(1).equals(state)) {
              return seen;
            }
          }
        }
      }
      Thread.sleep(100);
    }
    return seen;
  }

  @Test
  void runsArePrivateToWhoStartedThem() {
    WebClient owner = new WebClient(base);
    String id = json(postRun(owner, withMember(program("import pandas\nprint(1)"), "wait", true))).getString("id");
    WebClient stranger = new WebClient(base);
    assertThat(stranger.get("api/runs/" + id).statusCode()).isEqualTo(404);
    assertThat(stranger.get("api/runs/" + id + "/events").statusCode()).isEqualTo(404);
    assertThat(stranger.send(HttpRequest.newBuilder(base.resolve("api/runs/" + id)).DELETE().build()).statusCode()).isEqualTo(404);
    assertThat(owner.get("api/runs/" + id).statusCode()).isEqualTo(200);
    assertThat(owner.get("api/runs/not-a-uuid").statusCode()).isEqualTo(404);
  }

  @Test
  void everyBadInputGetsAProblemNamingTheField() {
    WebClient web = new WebClient(base);
    record Case(String body, int status, String field) {}
    String big = "x".repeat(1_100_000);
    List<Case> cases = List.of(
        new Case("{not json", 400, "body"),
        new Case("{\"files\":[{\"path\":\"main.py\",\"content\":\"print(1)\"}]}", 422, "entry"),
        new Case("{\"files\":[{\"path\":\"main.py\",\"content\":\"print(1)\"}],\"entry\":\"other.py\"}", 422, "entry"),
        new Case("{\"files\":[{\"path\":\"../../x.py\",\"content\":\"1\"}],\"entry\":\"../../x.py\"}", 422, "files"),
        new Case("{\"files\":[{\"path\":\"main.py\",\"content\":\"a\\u0000b\"}],\"entry\":\"main.py\"}", 422, "files[0].content"),
        new Case("{\"files\":[{\"path\":\"main.py\",\"content\":\"\\udc00\"}],\"entry\":\"main.py\"}", 422, "files[0].content"),
        new Case(withMember(program("print(1)"), "engine", "quantum"), 422, "engine"),
        new Case(withMember(program("print(1)"), "stdin", "y".repeat(70_000)), 413, "stdin"),
        new Case("{\"files\":[{\"path\":\"main.py\",\"content\":\"" + big + "\"}],\"entry\":\"main.py\"}", 413, "files"));
    for (Case c : cases) {
      HttpResponse<String> r = postRun(web, c.body());
      assertThat(r.statusCode()).as(c.body().substring(0, Math.min(80, c.body().length()))).isEqualTo(c.status());
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(json(r).getString("field")).isEqualTo(c.field());
    }
    StringBuilder many = new StringBuilder("{\"entry\":\"f0.py\",\"files\":[");
    for (int i = 0; i < 60; i++) {
      many.append(i == 0 ? "" : ",").append("{\"path\":\"f").append(i).append(".py\",\"content\":\"\"}");
    }
    assertThat(postRun(web, many.append("]}").toString()).statusCode()).isEqualTo(413);
  }

  @Test
  void invalidUtf8AndWrongMediaTypeAreRefused() {
    WebClient web = new WebClient(base);
    byte[] body = program("print('\u00e9')").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < body.length; i++) {
      if (body[i] == (byte) 0xc3) {
        body[i] = (byte) 0xff;
      }
    }
    HttpResponse<String> bad = web.send(HttpRequest.newBuilder(base.resolve("api/runs"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("not valid UTF-8");
    HttpResponse<String> text = post(web, "api/runs", program("print(1)"), "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.body()).contains("application/json");
  }

  @Test
  void anonymousVisitorsCannotChooseAServerEngine() {
    HttpResponse<String> r = postRun(new WebClient(base), withMember(program("print(1)"), "engine", "e2b"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).getString("detail")).contains("does not let you choose");
  }

  @Test
  void abusiveProgramsAreRefusedAndRecorded() {
    HttpResponse<String> r = postRun(new WebClient(base),
        program("URL = 'stratum+tcp://pool.minexmr.com:4444'\nimport xmrig\n"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).getString("verdict")).isEqualTo("REFUSED");
    assertThat(json(r).getJsonArray("reasons").toString()).contains("ABUSE");
  }

  @Test
  void openApiDescribesTheRunApi() {
    HttpResponse<String> r = new WebClient(base).get("/openapi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("/api/runs");
  }

  @Test
  void metricsCountRunsAndDecisions() {
    postRun(new WebClient(base), program("print(1)"));
    String metrics = new WebClient(base).get("/metrics?scope=application").body();
    assertThat(metrics).contains("runlab_decisions_total", "runlab_queue_depth");
  }
}
