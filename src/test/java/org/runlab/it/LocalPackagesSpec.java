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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.runlab.engine.local.TestWheelhouse;

/**
 * A PAID learner's requirements.txt installed on the local engine from the deployment's
 * wheelhouse (built here with pip wheel, no registry), its progress streamed, and the learner's
 * session kept for their next run.
 */
@RunlabSpec
@Order(55)
class LocalPackagesSpec {
  /** The deployment's runlab.local.wheelhouse: per slot, readable by the sandbox user. */
  static final Path WHEELHOUSE = SharedDeployment.WHEELHOUSE;
  private final URI base;

  LocalPackagesSpec(URI base) {
    this.base = base;
  }

  /** Builds the wheelhouse before the deployment starts. */
  static void buildWheelhouse() throws Exception {
    TestWheelhouse.build(WHEELHOUSE, List.of(
        new TestWheelhouse.Package("runlab-greeting", "1.2", List.of(), "def hello(n):\n    return 'hello ' + n\n")));
  }

  private static String project(String main, String requirements) {
    var files = Json.createArrayBuilder().add(Json.createObjectBuilder().add("path", "main.py").add("content", main));
    if (requirements != null) {
      files.add(Json.createObjectBuilder().add("path", "requirements.txt").add("content", requirements));
    }
    return Json.createObjectBuilder().add("files", files).add("entry", "main.py").add("engine", "local").build()
        .toString();
  }

  @Test
  void aPaidLearnersRequirementsInstallLocallyWithProgressAndTheSessionIsKept() throws Exception {
    WebClient web = E2bSpec.paidLearner(base);
    HttpResponse<String> posted = RunApiSpec.postRun(web, project(
        "import runlab_greeting\nopen('seen.txt', 'w').write('yes')\nprint(runlab_greeting.hello('Ada'))",
        "runlab-greeting==1.2\n"));
    assertThat(posted.statusCode()).isEqualTo(202);
    List<String> names = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    JsonObject result = null;
    HttpResponse<java.io.InputStream> stream = web.sendStreaming(HttpRequest.newBuilder(
        base.resolve(RunApiSpec.json(posted).getString("eventsUrl"))).header("Accept", "text/event-stream").GET().build());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String event = null;
      for (String line = lines.readLine(); line != null && result == null; line = lines.readLine()) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
          names.add(event);
        } else if (line.startsWith("data:") && "progress".equals(event)) {
          progress.add(data(line).getString("text"));
        } else if (line.startsWith("data:") && "result".equals(event)) {
          result = data(line);
        }
      }
    }
    assertThat(names).containsSubsequence("started", "progress", "result");
    assertThat(progress).startsWith("Installing 1 package…");
    assertThat(result.getString("engine")).isEqualTo("local");
    assertThat(result.getString("verdict")).as(result.toString()).isEqualTo("OK");
    assertThat(result.getString("stdout")).isEqualTo("hello Ada\n");
    assertThat(result.getJsonNumber("sessionKeptSeconds").longValue()).isEqualTo(900);

    JsonObject again = RunApiSpec.json(RunApiSpec.postRun(web, RunApiSpec.withMember(project(
        "import runlab_greeting\nprint(open('seen.txt').read(), runlab_greeting.hello('again'))", null), "wait", true)));
    assertThat(again.getString("stdout")).as(again.toString()).isEqualTo("yes hello again\n");
  }

  @Test
  void aMissingPackageIsNamedByItsLine() throws Exception {
    JsonObject r = RunApiSpec.json(RunApiSpec.postRun(E2bSpec.paidLearner(base), RunApiSpec.withMember(
        project("print(1)", "runlab-greeting\nnot-in-the-wheelhouse\n"), "wait", true)));
    assertThat(r.getString("verdict")).isEqualTo("REFUSED");
    assertThat(r.getJsonArray("notices").getString(0))
        .isEqualTo("requirements.txt line 2: 'not-in-the-wheelhouse' is not in this server's wheelhouse");
  }

  private static JsonObject data(String line) {
    return Json.createReader(new StringReader(line.substring(5))).readObject();
  }
}
