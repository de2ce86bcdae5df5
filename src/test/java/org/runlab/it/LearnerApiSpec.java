package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What a learner's page relies on, over HTTP: input typed into a running server program (with its
 * limits), the run history and who may see it, and the same tracebacks, input, verdicts and files
 * on E2B as on the local engine.
 */
@RunlabSpec
@Order(45)
class LearnerApiSpec {
  private static final String ASK = "import threading\nname = input('Name? ')\nprint('Hello', name)\n";

  private final URI base;

  LearnerApiSpec(URI base) {
    this.base = base;
  }

  private static String run(String code, String lesson, boolean interactive, boolean wait, String engine) {
    return Json.createObjectBuilder()
        .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder().add("path", "main.py").add("content", code)))
        .add("entry", "main.py").add("lessonId", lesson).add("interactive", interactive).add("wait", wait)
        .add("engine", engine).build().toString();
  }

  private static HttpResponse<String> stdin(WebClient web, String id, String body) {
    return RunApiSpec.post(web, "api/runs/" + id + "/stdin", body, "application/json");
  }

  /** Reads the run's events until {@code name} arrives (or the stream ends); true if it came. */
  private static boolean awaitEvent(WebClient web, String eventsUrl, String name) throws Exception {
    HttpResponse<java.io.InputStream> events = web.sendStreaming(HttpRequest.newBuilder(
        web.base().resolve(eventsUrl.startsWith("/") ? eventsUrl.substring(web.base().getPath().length()) : eventsUrl))
        .timeout(Duration.ofSeconds(60)).GET().build());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.equals("event: " + name) || line.equals("event:" + name)) {
          return true;
        }
        if (line.startsWith("event: result") || line.startsWith("event:result")) {
          return false;
        }
      }
    }
    return false;
  }

  private static JsonObject await(WebClient web, String id) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonObject r = RunApiSpec.json(web.get("api/runs/" + id));
      if ("FINISHED".equals(r.getString("state")) && r.containsKey("verdict")) {
        return r;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " did not finish");
  }

  @Test
  void aRunningLocalProgramTakesTheLinesTheLearnerSends() throws Exception {
    WebClient web = new WebClient(base);
    HttpResponse<String> started = RunApiSpec.postRun(web, run(ASK, "input-output", true, false, "auto"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonObject d = RunApiSpec.json(started);
    assertThat(d.getString("engine")).isEqualTo("local");
    assertThat(awaitEvent(web, d.getString("eventsUrl"), "input")).as("an input event").isTrue();

    HttpResponse<String> sent = stdin(web, d.getString("id"), "{\"text\":\"Grace\\n\"}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

    JsonObject done = await(web, d.getString("id"));
    assertThat(done.getString("verdict")).as(done.toString()).isEqualTo("OK");
    assertThat(done.getString("stdout")).isEqualTo("Name? Hello Grace\n");
    HttpResponse<String> late = stdin(web, d.getString("id"), "{\"line\":\"too late\"}");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(RunApiSpec.json(late).getString("detail")).contains("finished");
  }

  @Test
  void inputSentToARunningProgramIsLimitedInSizeAndRate() throws Exception {
    WebClient web = new WebClient(base);
    JsonObject d = RunApiSpec.json(RunApiSpec.postRun(web,
        run("import threading, sys\nprint(len(sys.stdin.read()))\n", "input-output", true, false, "auto")));
    String id = d.getString("id");
    assertThat(awaitEvent(web, d.getString("eventsUrl"), "input")).isTrue();

    HttpResponse<String> big = stdin(web, id, Json.createObjectBuilder().add("text", "x".repeat(5000)).build().toString());
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(RunApiSpec.json(big).getString("field")).isEqualTo("text");
    assertThat(stdin(web, id, "{\"text\": 5}").statusCode()).isEqualTo(422);
    assertThat(stdin(web, id, "not json").statusCode()).isEqualTo(400);
    assertThat(stdin(web, id, "{}").statusCode()).isEqualTo(422);

    int tooOften = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r = stdin(web, id, "{\"text\":\"ab\"}");
      if (r.statusCode() == 429) {
        tooOften++;
        refused = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(202);
      }
    }
    assertThat(tooOften).as("sends over 5 a second are refused").isPositive();
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    Thread.sleep(1100);
    assertThat(stdin(web, id, "{\"eof\":true}").statusCode()).isEqualTo(202);
    JsonObject done = await(web, id);
    assertThat(done.getString("verdict")).isEqualTo("OK");
    assertThat(Integer.parseInt(done.getString("stdout").strip())).isEqualTo(2 * (12 - tooOften));
  }

  @Test
  void aRunStartedWithoutInteractiveTakesNoInputWhileItRuns() throws Exception {
    WebClient web = new WebClient(base);
    JsonObject d = RunApiSpec.json(RunApiSpec.postRun(web,
        run("import threading, time\ntime.sleep(1)\n", "hello", false, false, "auto")));
    HttpResponse<String> r = stdin(web, d.getString("id"), "{\"text\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(RunApiSpec.json(r).getString("detail")).contains("interactive");
  }

  @Test
  void theRunsListShowsALearnersOwnRunsOfALessonAndNeverAnotherLearners() throws Exception {
    WebClient ada = new WebClient(base);
    AccountSpec.signUp(ada, AccountSpec.uniqueEmail(), "Ada Runs", "analytical engine 43");
    WebClient bob = new WebClient(base);
    AccountSpec.signUp(bob, AccountSpec.uniqueEmail(), "Bob Runs", "difference engine 7");

    JsonObject adas = RunApiSpec.json(RunApiSpec.postRun(ada,
        run("import threading\nprint('secret of ada')\n", "hello", false, true, "auto")));
    String adaRun = adas.getString("id");
    RunApiSpec.json(RunApiSpec.postRun(bob, run("import threading\nprint('bob was here')\n", "hello", false, true, "auto")));

    List<JsonObject> adaList = runs(ada, "hello");
    assertThat(adaList).extracting(r -> r.getString("id")).contains(adaRun);
    JsonObject mine = adaList.stream().filter(r -> r.getString("id").equals(adaRun)).findFirst().orElseThrow();
    assertThat(mine.getString("engine")).isEqualTo("local");
    assertThat(mine.getString("verdict")).isEqualTo("OK");
    assertThat(mine.getString("firstLines")).isEqualTo("secret of ada");
    assertThat(mine.getString("verdictText")).isEqualTo("Your program finished.");
    assertThat(mine.getJsonNumber("wallTimeMs").longValue()).isPositive();
    assertThat(mine.getString("created")).isNotBlank();

    List<JsonObject> bobList = runs(bob, "hello");
    assertThat(bobList).extracting(r -> r.getString("id")).doesNotContain(adaRun);
    assertThat(bobList.toString()).doesNotContain("secret of ada");
    assertThat(bob.get("api/runs/" + adaRun).statusCode()).isEqualTo(404);
    assertThat(bob.get("api/runs/" + adaRun + "/code").statusCode()).isEqualTo(404);
    assertThat(stdin(bob, adaRun, "{\"text\":\"x\"}").statusCode()).isEqualTo(404);

    JsonObject code = RunApiSpec.json(ada.get("api/runs/" + adaRun + "/code"));
    assertThat(code.getString("entry")).isEqualTo("main.py");
    assertThat(code.getJsonArray("files").getJsonObject(0).getString("content"))
        .isEqualTo("import threading\nprint('secret of ada')\n");
    assertThat(runs(ada, "modules")).extracting(r -> r.getString("id")).doesNotContain(adaRun);
  }

  @Test
  void aVisitorSeesOnlyTheRunsOfThisBrowserSession() throws Exception {
    WebClient visitor = new WebClient(base);
    visitor.get("lesson.xhtml?l=hello");
    JsonObject first = RunApiSpec.json(RunApiSpec.postRun(visitor,
        run("import threading\nprint('visitor run')\n", "hello", false, true, "auto")));
    assertThat(runs(visitor, "hello")).extracting(r -> r.getString("id")).containsExactly(first.getString("id"));

    // The same visitor cookie in a new browser session (the session cookie gone) sees none of them.
    visitor.cookies().getCookieStore().getCookies().stream().filter(c -> c.getName().equalsIgnoreCase("JSESSIONID"))
        .toList().forEach(c -> visitor.cookies().getCookieStore().remove(null, c));
    assertThat(runs(visitor, "hello")).isEmpty();
    assertThat(new WebClient(base).get("api/runs/" + first.getString("id")).statusCode()).isEqualTo(404);
  }

  @Test
  void theRunsListRefusesABadLessonOrLimit() {
    WebClient web = new WebClient(base);
    HttpResponse<String> r = web.get("api/runs?lesson=hello&limit=1000");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(RunApiSpec.json(r).getString("field")).isEqualTo("limit");
    assertThat(web.get("api/runs?lesson=" + "x".repeat(81)).statusCode()).isEqualTo(422);
  }

  @Test
  void theTimeLimitVerdictNamesTheLimitOfThePlan() {
    WebClient web = new WebClient(base);
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(web,
        run("import threading, time\nwhile True:\n    time.sleep(0.1)\n", "hello", false, true, "auto")));
    assertThat(r.getString("verdict")).isEqualTo("TIME_LIMIT");
    assertThat(r.getString("verdictText")).isEqualTo("Your program was stopped after 5 s, the limit of your plan.");
  }

  @Test
  void onE2bTracebacksInputAndWrittenFilesLookAsOnTheLocalEngine() throws Exception {
    WebClient paid = E2bSpec.paidLearner(base);
    String code = "open('chart.csv', 'w').write('a,b\\n1,2\\n')\nname = input('Name? ')\nprint('Hi', name)\n"
        + "from helpers import divide\ndivide(1, 0)\n";
    String body = Json.createObjectBuilder()
        .add("files", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("path", "main.py").add("content", code))
            .add(Json.createObjectBuilder().add("path", "helpers.py").add("content", "def divide(a, b):\n    return a / b\n")))
        .add("entry", "main.py").add("stdin", "Ada\n").add("engine", "e2b").add("wait", true).build().toString();
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(paid, body));
    assertThat(r.getString("engine")).as(r.toString()).isEqualTo("e2b");
    assertThat(r.getString("verdict")).isEqualTo("RUNTIME_ERROR");
    assertThat(r.getString("stdout")).isEqualTo("Name? Hi Ada\n");
    assertThat(r.getString("stderr"))
        .startsWith("Traceback (most recent call last):\n")
        .contains("File \"main.py\", line 5, in <module>", "File \"helpers.py\", line 2, in divide",
            "ZeroDivisionError: division by zero")
        .doesNotContain("/project", "runpy", "_runlab");
    JsonObject csv = r.getJsonArray("files").getValuesAs(JsonObject.class).stream()
        .filter(f -> f.getString("path").equals("chart.csv")).findFirst().orElseThrow();
    assertThat(new String(Base64.getDecoder().decode(csv.getString("base64")), StandardCharsets.UTF_8))
        .isEqualTo("a,b\n1,2\n");

    JsonObject eof = RunApiSpec.json(RunApiSpec.postRun(paid, Json.createObjectBuilder()
        .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder().add("path", "main.py")
            .add("content", "input()\ninput()\n")))
        .add("entry", "main.py").add("stdin", "one\n").add("engine", "e2b").add("wait", true).build().toString()));
    assertThat(eof.getString("stderr")).contains("File \"main.py\", line 2", "EOFError",
        "input() reads the lines given before the run");
  }

  @Test
  void aLearnerPickingTheCloudSandboxIsNeverToldOperatorWords() throws Exception {
    WebClient paid = E2bSpec.paidLearner(base);
    String page = paid.get("lesson.xhtml?l=hello").body();
    assertThat(page).doesNotContain("runlab.e2b", "api-key", "not configured");
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(paid, run("print(1)\n", "hello", false, true, "e2b")));
    assertThat(r.toString()).doesNotContain("runlab.", "api-key", "configured");
    assertThat(r.get("reasons")).isNotEqualTo(JsonValue.NULL);
  }

  private static List<JsonObject> runs(WebClient web, String lesson) {
    HttpResponse<String> r = web.get("api/runs?lesson=" + lesson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RunApiSpec.json(r).getJsonArray("runs").getValuesAs(JsonObject.class);
  }
}
