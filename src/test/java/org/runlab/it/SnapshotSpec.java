package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The snapshot API: private to its owner, validated like runs, bounded and restorable. */
@RunlabSpec
@Order(70)
class SnapshotSpec {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private final URI base;

  SnapshotSpec(URI base) {
    this.base = base;
  }

  private WebClient learner() {
    WebClient web = new WebClient(base);
    AccountSpec.signUp(web, AccountSpec.uniqueEmail(), "Snap Learner", "snapshots 12345");
    return web;
  }

  private static String project(String code) {
    return "{\"files\":[{\"path\":\"main.py\",\"content\":\"" + code + "\"}],\"entry\":\"main.py\",\"reason\":\"AUTO\"}";
  }

  private static HttpResponse<String> post(WebClient web, String path, String json) {
    return web.send(HttpRequest.newBuilder(web.base().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static String id(HttpResponse<String> response) {
    Matcher m = ID.matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return m.group(1);
  }

  @Test
  void visitorsAreToldToSignUpToSave() {
    HttpResponse<String> save = post(new WebClient(base), "api/workspaces/hello/snapshots", project("print(1)"));
    assertThat(save.statusCode()).isEqualTo(401);
    assertThat(save.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(save.body()).contains("Create an account");
  }

  @Test
  void aSavedSnapshotIsTheLatestAndAnUnchangedSaveAddsNoEntry() {
    WebClient web = learner();
    assertThat(web.get("api/workspaces/hello/latest").statusCode()).isEqualTo(204);
    HttpResponse<String> first = post(web, "api/workspaces/hello/snapshots", project("print('one')"));
    assertThat(first.statusCode()).isEqualTo(201);
    HttpResponse<String> again = post(web, "api/workspaces/hello/snapshots", project("print('one')"));
    assertThat(id(again)).isEqualTo(id(first));
    HttpResponse<String> latest = web.get("api/workspaces/hello/latest");
    assertThat(latest.body()).contains("print('one')", "\"entry\":\"main.py\"", "\"reason\":\"AUTO\"");
    assertThat(web.get("api/workspaces/hello/snapshots").body()).containsOnlyOnce("\"id\":");
  }

  @Test
  void fileNamesAreCheckedAsRunsCheckThem() {
    WebClient web = learner();
    HttpResponse<String> bad = post(web, "api/workspaces/hello/snapshots",
        "{\"files\":[{\"path\":\"../main.py\",\"content\":\"\"}],\"entry\":\"../main.py\"}");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("\"field\":\"files\"", "outside the project");
    HttpResponse<String> reason = post(web, "api/workspaces/hello/snapshots",
        project("print(1)").replace("AUTO", "ADOPT"));
    assertThat(reason.statusCode()).isEqualTo(422);
    assertThat(post(web, "api/workspaces/no-such-lesson/snapshots", project("x")).statusCode()).isEqualTo(404);
  }

  @Test
  void aLearnerCannotOpenOrRestoreAnotherLearnersSnapshot() {
    WebClient owner = learner();
    String id = id(post(owner, "api/workspaces/hello/snapshots", project("print('mine')")));
    WebClient other = learner();
    HttpResponse<String> peek = other.get("api/workspaces/hello/snapshots/" + id);
    assertThat(peek.statusCode()).isEqualTo(404);
    assertThat(peek.body()).doesNotContain("mine");
    assertThat(post(other, "api/workspaces/hello/snapshots/" + id + "/restore", "").statusCode()).isEqualTo(404);
    assertThat(other.get("api/workspaces/hello/snapshots").body()).doesNotContain("\"id\":" + id);
    assertThat(new WebClient(base).get("api/workspaces/hello/snapshots/" + id).statusCode()).isEqualTo(401);
    assertThat(owner.get("api/workspaces/hello/snapshots/" + id).body()).contains("print('mine')");
  }

  @Test
  void restoreMakesAnOlderSnapshotTheNewestAndResetBringsBackTheStarter() {
    WebClient web = learner();
    String old = id(post(web, "api/workspaces/hello/snapshots", project("print('old')")));
    post(web, "api/workspaces/hello/snapshots", project("print('new')"));
    HttpResponse<String> restored = post(web, "api/workspaces/hello/snapshots/" + old + "/restore", "");
    assertThat(restored.statusCode()).isEqualTo(201);
    assertThat(web.get("api/workspaces/hello/latest").body()).contains("print('old')", "\"reason\":\"RESTORE\"");
    HttpResponse<String> reset = post(web, "api/workspaces/hello/reset", "");
    assertThat(reset.body()).contains("\"reason\":\"RESET\"", "Hello");
  }

  @Test
  void adoptionHappensOnlyWhenNothingIsSavedYet() {
    WebClient web = learner();
    String work = project("print('from the browser')");
    assertThat(post(web, "api/workspaces/modules/adopt", work).statusCode()).isEqualTo(201);
    HttpResponse<String> second = post(web, "api/workspaces/modules/adopt", project("print('other')"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(web.get("api/workspaces/modules/latest").body()).contains("from the browser", "\"reason\":\"ADOPT\"");
  }
}
