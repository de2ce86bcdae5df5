package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.runlab.engine.local.TestWheelhouse;

/** Lesson environments in the console: defined, validated, attached to a lesson, audited, admins only. */
@RunlabSpec
@Order(55)
class EnvironmentSpec {
  private static final String PAGE = "admin/environments.xhtml";

  private final URI base;

  EnvironmentSpec(URI base) {
    this.base = base;
  }

  @Test
  void anAdminDefinesAnEnvironmentAttachesItToALessonAndDeletesItOnceFreeEveryStepAudited() throws Exception {
    String name = "env-" + UUID.randomUUID().toString().substring(0, 8);
    ConsoleClient admin = ConsoleClient.admin(base);
    admin.open(PAGE);
    assertThat(admin.html()).contains("m-environments");
    admin.press("environments", Map.of(), "newEnvironment");
    Map<String, String> form = new HashMap<>(Map.of("env-name", name, "env-description", "kept text",
        "env-requirements", "numpy==2.4.6\n--index-url http://elsewhere.invalid/simple", "env-template", ""));
    admin.press("editor", form, "save");
    assertThat(admin.html()).contains("Line 2").contains("pip option").contains("kept text");
    assertThat(id(name)).isNull();

    form.put("env-requirements", "runlab-greeting==1.0");
    admin.press("editor", form, "save");
    assertThat(admin.html()).containsPattern("Environment (&#39;|')" + name + "(&#39;|') saved\\.");
    Long id = id(name);
    assertThat(id).isNotNull();
    assertThat(state(name)).isEqualTo("NOT_BUILT");
    assertThat(admin.html()).contains(name, "runlab-greeting==1.0", "NOT_BUILT");

    admin.open(PAGE);
    admin.press("environments", Map.of(), "newEnvironment");
    admin.press("editor", Map.of("env-name", name, "env-requirements", "", "env-template", "runlab-other"), "save");
    assertThat(admin.html()).contains("Another environment is already named");

    admin.open(PAGE);
    admin.press("attach", Map.of("attach-lesson", "input-output", "attach-environment", String.valueOf(id)),
        "attachButton");
    assertThat(admin.html()).contains("now runs with its environment");
    assertThat(lessonEnvironment("input-output")).isEqualTo(id);

    admin.open(PAGE);
    admin.press("environments", Map.of(), "list:" + row(name) + ":delete");
    assertThat(admin.html()).contains("is attached to the lesson input-output");
    assertThat(id(name)).isEqualTo(id);

    admin.open(PAGE);
    admin.press("attach", Map.of("attach-lesson", "input-output", "attach-environment", ""), "attachButton");
    assertThat(lessonEnvironment("input-output")).isNull();
    admin.open(PAGE);
    admin.press("environments", Map.of(), "list:" + row(name) + ":delete");
    assertThat(admin.html()).contains("Environment deleted.");
    assertThat(id(name)).isNull();

    String subject = "environment " + name;
    assertThat(ConsoleSpec.audit("environment.create", subject)).hasSize(1);
    assertThat(ConsoleSpec.audit("environment.delete", subject)).hasSize(1);
    List<String> attached = ConsoleSpec.audit("lesson.environment", "lesson input-output");
    assertThat(attached).anyMatch(e -> e.contains(name));
  }

  @Test
  void aLessonsRunsUseItsBuiltEnvironmentWithoutInstallingAnything() throws Exception {
    TestWheelhouse.build(SharedDeployment.WHEELHOUSE, List.of(new TestWheelhouse.Package("runlab-greeting", "1.0",
        List.of(), "def greet():\n    return 'hello from the lesson environment'\n")));
    String name = "greet-" + UUID.randomUUID().toString().substring(0, 8);
    ConsoleClient admin = ConsoleClient.admin(base);
    admin.open(PAGE);
    admin.press("environments", Map.of(), "newEnvironment");
    admin.press("editor", Map.of("env-name", name, "env-requirements", "runlab-greeting==1.0", "env-template", ""),
        "save");
    admin.open(PAGE);
    admin.press("environments", Map.of(), "list:" + row(name) + ":build");
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(240).toNanos();
    while (!List.of("READY", "FAILED").contains(state(name)) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    admin.open(PAGE);
    admin.press("environments", Map.of(), "list:" + row(name) + ":log");
    assertThat(state(name)).as("build log: %s", admin.html()).isEqualTo("READY");
    assertThat(admin.html()).contains("Build log of " + name, "Ready: layer");
    admin.open(PAGE);
    admin.press("attach", Map.of("attach-lesson", "input-output", "attach-environment", String.valueOf(id(name))),
        "attachButton");
    try {
      // A visitor's tier may not install anything, and the project names no requirements: the
      // package can only come from the lesson's environment.
      WebClient visitor = new WebClient(base);
      String program = RunApiSpec.withMember(RunApiSpec.withMember(RunApiSpec.program(
          "import runlab_greeting\nprint(runlab_greeting.greet())"), "lessonId", "input-output"), "wait", true);
      jakarta.json.JsonObject run = RunApiSpec.json(RunApiSpec.postRun(visitor, program));
      assertThat(run.getString("engine")).isEqualTo("local");
      assertThat(run.getString("verdict")).as("run: %s", run).isEqualTo("OK");
      assertThat(run.getString("stdout")).isEqualTo("hello from the lesson environment\n");

      // Another visitor (whose server session holds nothing yet) in a lesson without it: no such package.
      jakarta.json.JsonObject elsewhere = RunApiSpec.json(RunApiSpec.postRun(new WebClient(base),
          RunApiSpec.withMember(RunApiSpec.withMember(RunApiSpec.program("import runlab_greeting"), "lessonId",
              "hello"), "wait", true)));
      assertThat(elsewhere.getString("verdict")).as("run: %s", elsewhere).isEqualTo("RUNTIME_ERROR");
      assertThat(elsewhere.getString("stderr")).contains("runlab_greeting");
    } finally {
      admin.open(PAGE);
      admin.press("attach", Map.of("attach-lesson", "input-output", "attach-environment", ""), "attachButton");
    }
  }

  @Test
  void aTemplateOnlyEnvironmentHasNothingToBuild() throws Exception {
    String name = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
    ConsoleClient admin = ConsoleClient.admin(base);
    admin.open(PAGE);
    admin.press("environments", Map.of(), "newEnvironment");
    admin.press("editor", Map.of("env-name", name, "env-requirements", "", "env-template", "runlab-ds"), "save");
    assertThat(state(name)).isEqualTo("NOT_NEEDED");
    admin.open(PAGE);
    assertThat(admin.html()).doesNotContain("list:" + row(name) + ":build");
    admin.press("environments", Map.of(), "list:" + row(name) + ":delete");
    assertThat(id(name)).isNull();
  }

  @Test
  void learnersAndVisitorsCannotSeeOrChangeEnvironments() {
    WebClient learner = new WebClient(base);
    AccountSpec.signUp(learner, AccountSpec.uniqueEmail(), "Env Learner", "learning 12345");
    assertThat(learner.get(PAGE).statusCode()).isEqualTo(403);
    assertThat(ConsoleClient.forge(learner, PAGE, Map.of("environments", "environments", "newEnvironment",
        "newEnvironment")).statusCode()).isEqualTo(403);
    assertThat(new WebClient(base).get(PAGE).uri().getPath()).endsWith("signin.xhtml");
  }

  static Long id(String name) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT id FROM environment WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  static String state(String name) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT build_state FROM environment WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  static Long lessonEnvironment(String slug) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT environment_id FROM lesson WHERE slug = ?")) {
      q.setString(1, slug);
      try (ResultSet r = q.executeQuery()) {
        assertThat(r.next()).isTrue();
        long v = r.getLong(1);
        return r.wasNull() ? null : v;
      }
    }
  }

  /** The environment's row in the console's list, which is ordered by name as the database orders it. */
  private static int row(String name) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT name FROM environment ORDER BY name");
        ResultSet r = q.executeQuery()) {
      int i = 0;
      while (r.next()) {
        if (r.getString(1).equals(name)) {
          return i;
        }
        i++;
      }
    }
    throw new AssertionError("no environment " + name);
  }
}
