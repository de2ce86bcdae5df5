package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The operations console over HTTP: who may use it, sign-in returning to the page asked for,
 * every change audited, and bad input answered beside its field with nothing lost.
 */
@RunlabSpec
@Order(32)
class ConsoleSpec {
  static final List<String> PAGES = List.of("admin/index.xhtml", "admin/runs.xhtml", "admin/sandboxes.xhtml",
      "admin/people.xhtml", "admin/money.xhtml", "admin/courses.xhtml", "admin/audit.xhtml", "admin/limits.xhtml");

  private final URI base;

  ConsoleSpec(URI base) {
    this.base = base;
  }

  /** A new FREE learner, signed in on their own client. */
  private WebClient learner(String email) {
    WebClient web = new WebClient(base);
    AccountSpec.signUp(web, email, "Console Learner", "learning 12345");
    return web;
  }

  /** Opens {@code email} on the People page. */
  private static ConsoleClient person(ConsoleClient admin, String email) {
    admin.open("admin/people.xhtml");
    admin.press("people", Map.of("search", email), "find");
    assertThat(admin.html()).contains(email);
    admin.press("people", Map.of("search", email), "users:0:open");
    assertThat(admin.html()).contains("person-email", email);
    return admin;
  }

  @Test
  void signInReturnsToTheConsolePageThatWasAskedFor() {
    WebClient web = new WebClient(base);
    HttpResponse<String> asked = web.get("admin/money.xhtml");
    assertThat(asked.uri().getPath()).endsWith("signin.xhtml");
    HttpResponse<String> after = AccountSpec.signIn(web, AdminSpec.ADMIN_EMAIL, AdminSpec.ADMIN_PASSWORD);
    assertThat(after.uri().getPath()).endsWith("admin/money.xhtml");
    assertThat(after.body()).contains("Budget and hard cap");
  }

  @Test
  void learnersFinanceUsersAndVisitorsGet403OnEveryConsolePageAndAction() throws Exception {
    String learnerEmail = AccountSpec.uniqueEmail();
    WebClient learner = learner(learnerEmail);
    String financeEmail = AccountSpec.uniqueEmail();
    learner(financeEmail);
    ConsoleClient admin = person(ConsoleClient.admin(base), financeEmail);
    admin.press("person", Map.of("reason", "reads cost reports"), "grantFinance");
    WebClient finance = new WebClient(base);
    AccountSpec.signIn(finance, financeEmail, "learning 12345");

    for (String page : PAGES) {
      assertThat(learner.get(page).statusCode()).as("learner GET " + page).isEqualTo(403);
      assertThat(finance.get(page).statusCode()).as("finance GET " + page).isEqualTo(403);
      assertThat(new WebClient(base).get(page).uri().getPath()).as("visitor GET " + page).endsWith("signin.xhtml");
    }
    Map<String, Map<String, String>> actions = Map.of(
        "admin/money.xhtml", Map.of("money", "money", "monthlyUsd", "1", "hardCapUsd", "1", "save", "save"),
        "admin/people.xhtml", Map.of("person", "person", "reason", "x", "disable", "disable"),
        "admin/runs.xhtml", Map.of("detail", "detail", "cancel", "cancel"),
        "admin/sandboxes.xhtml", Map.of("e2b", "e2b", "drain", "drain"),
        "admin/courses.xhtml", Map.of("courses", "courses", "newCourse", "newCourse"),
        "admin/limits.xhtml", Map.of("limits", "limits", "save", "save"));
    for (Map.Entry<String, Map<String, String>> a : actions.entrySet()) {
      assertThat(ConsoleClient.forge(learner, a.getKey(), a.getValue()).statusCode()).as("learner POST " + a.getKey())
          .isEqualTo(403);
      assertThat(ConsoleClient.forge(finance, a.getKey(), a.getValue()).statusCode()).as("finance POST " + a.getKey())
          .isEqualTo(403);
    }
    assertThat(audit("user.role.grant", financeEmail)).hasSize(1);
    assertThat(audit("budget.set", null)).noneMatch(e -> e.contains("actor=" + financeEmail));
  }

  @Test
  void peopleChangesTakeHoldAndAreAudited() throws Exception {
    String email = AccountSpec.uniqueEmail();
    WebClient learner = learner(email);
    ConsoleClient admin = person(ConsoleClient.admin(base), email);

    admin.press("person", Map.of("tier_input", "PAID", "reason", "paid by invoice 7"), "changeTier");
    assertThat(admin.html()).contains("id=\"person-tier\">PAID");
    admin.press("person", Map.of("reason", "helps with reports"), "grantFinance");
    admin.press("person", Map.of("reason", "no longer"), "revokeFinance");
    admin.press("person", Map.of("reason", "a class ran out"), "resetQuota");

    admin.press("person", Map.of("reason", ""), "disable");
    assertThat(admin.html()).contains("Say why the account is disabled").contains("id=\"person-state\">active");
    admin.press("person", Map.of("reason", "card chargeback"), "disable");
    assertThat(admin.html()).contains("disabled (card chargeback)");

    HttpResponse<String> run = RunApiSpec.postRun(learner, RunApiSpec.withMember(
        RunApiSpec.program("import time\ntime.sleep(6)\nprint('x')"), "wait", true));
    assertThat(run.statusCode()).isEqualTo(403);
    assertThat(run.body()).contains("disabled", "card chargeback");
    HttpResponse<String> signIn = AccountSpec.signIn(new WebClient(base), email, "learning 12345");
    assertThat(signIn.body()).contains("This account is disabled").doesNotContain("Sign out");

    admin.press("person", Map.of("reason", "resolved"), "enable");
    assertThat(admin.html()).contains("id=\"person-state\">active");
    assertThat(RunApiSpec.postRun(learner, RunApiSpec.program("print('back')")).statusCode()).isEqualTo(200);

    List<String> actions = new ArrayList<>();
    for (String e : audit(null, email)) {
      actions.add(e.substring(e.indexOf("action=") + 7, e.indexOf(';', e.indexOf("action="))));
    }
    assertThat(actions).contains("user.tier", "user.role.grant", "user.role.revoke", "quota.reset", "user.disable",
        "user.enable");
    assertThat(audit("user.disable", email).get(0)).contains("actor=" + AdminSpec.ADMIN_EMAIL, "old=enabled",
        "new=disabled", "reason=card chargeback");
    assertThat(audit("user.tier", email).get(0)).contains("old=FREE", "new=PAID", "reason=paid by invoice 7");
  }

  @Test
  void theLastAdminKeepsAdmin() {
    ConsoleClient admin = person(ConsoleClient.admin(base), AdminSpec.ADMIN_EMAIL);
    admin.press("person", Map.of("reason", "oops"), "revokeAdmin");
    assertThat(admin.html()).contains("is the last admin");
    assertThat(ConsoleClient.admin(base).open("admin/index.xhtml").statusCode()).isEqualTo(200);
  }

  @Test
  void theBudgetIsValidatedBesideItsFieldsAndEveryChangeAudited() throws Exception {
    ConsoleClient admin = ConsoleClient.admin(base);
    admin.open("admin/money.xhtml");
    admin.press("money", Map.of("monthlyUsd", "-5", "hardCapUsd", "250", "reason", "t"), "save");
    assertThat(admin.html()).contains("The monthly budget cannot be negative.").contains("value=\"-5\"");
    admin.press("money", Map.of("monthlyUsd", "300", "hardCapUsd", "250", "reason", "t"), "save");
    assertThat(admin.html()).contains("must be at or above the monthly budget");
    admin.press("money", Map.of("monthlyUsd", "lots", "hardCapUsd", "250", "reason", "t"), "save");
    assertThat(admin.html()).contains("is not an amount of US dollars");
    assertThat(audit("budget.set", null)).noneMatch(e -> e.contains("budget 300"));

    admin.press("money", Map.of("monthlyUsd", "180", "hardCapUsd", "260", "reason", "new quarter"), "save");
    assertThat(admin.html()).contains("id=\"monthly-now\">180.00 USD").contains("set by an admin");
    admin.press("money", Map.of("reason", "back to configured"), "useConfigured");
    assertThat(admin.html()).contains("as configured");
    assertThat(audit("budget.set", null).get(0)).contains("new=budget 180 USD, hard cap 260 USD", "reason=new quarter");
    assertThat(audit("budget.reset", null).get(0)).contains("new=configured");

    HttpResponse<String> csv = csv(admin);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("day,engine,tier,runs,cost_usd");
  }

  private static HttpResponse<String> csv(ConsoleClient admin) {
    admin.open("admin/money.xhtml");
    return admin.press("money", Map.of(), "csv");
  }

  @Test
  void badCourseInputIsAnsweredBesideItsFieldAndNothingIsLost() throws Exception {
    ConsoleClient admin = ConsoleClient.admin(base);
    admin.open("admin/courses.xhtml");
    admin.press("courses", Map.of(), "newCourse");
    admin.press("editor", Map.of("course-title", "Another basics", "course-slug", "python-basics",
        "course-summary", "kept text"), "saveCourse");
    assertThat(admin.html()).contains("Another course already has the slug").contains("kept text");

    admin.open("admin/courses.xhtml");
    admin.press("courses", Map.of(), "courseList:0:newLesson");
    Map<String, String> lesson = new java.util.HashMap<>(Map.of("lesson-title", "Unsafe", "lesson-slug",
        "unsafe-" + UUID.randomUUID().toString().substring(0, 6), "lesson-markdown", "# Hi\n<script>alert(1)</script>",
        "fileRows:0:path", "../escape.py", "fileRows:0:content", "print(1)", "lesson-entry", "../escape.py"));
    admin.press("editor", lesson, "saveLesson");
    assertThat(admin.html()).contains("points outside the lesson").contains("print(1)");
    lesson.put("fileRows:0:path", "main.py");
    lesson.put("lesson-entry", "main.py");
    lesson.put("fileRows:0:content", "#".repeat(300_000));
    admin.press("editor", lesson, "saveLesson");
    assertThat(admin.html()).contains("a starter file has at most 262144");
    lesson.put("fileRows:0:content", "print(1)");
    lesson.put("lesson-slug", "hello");
    admin.press("editor", lesson, "saveLesson");
    assertThat(admin.html()).contains("The lesson slug 'hello' is taken");
    admin.press("editor", lesson, "preview");
    assertThat(admin.html()).contains("id=\"lesson-preview\"").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)");

    HttpResponse<String> broken = importZip(admin, "broken.zip", "this is not a zip at all".getBytes());
    assertThat(broken.body()).contains("not a zip file").contains("import-zip");
    HttpResponse<String> unsafe = importZip(admin, "unsafe.zip", zip(Map.of("course.md",
        "---\nslug: unsafe-course\ntitle: Unsafe\n---\nx", "lessons/01-a/lesson.md", "---\nslug: unsafe-a\ntitle: A\n---\n",
        "lessons/01-a/.hidden.py", "print(1)")));
    assertThat(unsafe.body()).contains("Lesson 'unsafe-a'", "may use only letters");
    assertThat(courseCount("unsafe-course")).isZero();
  }

  @Test
  void aCourseExportedAsAZipImportsBackAndIsAudited() throws Exception {
    ConsoleClient admin = ConsoleClient.admin(base);
    String slug = "zip-course-" + UUID.randomUUID().toString().substring(0, 6);
    byte[] zip = zip(Map.of("course.md", "---\nslug: " + slug + "\ntitle: Zipped\norder: 5\npublished: false\n---\nFrom git.",
        "lessons/01-one/lesson.md", "---\nslug: " + slug + "-one\ntitle: One\nentry: main.py\nfiles: main.py, lib/util.py\n---\n# One\n",
        "lessons/01-one/main.py", "from lib.util import hi\nhi()\n", "lessons/01-one/lib/util.py", "def hi():\n    print('hi')\n"));
    admin.open("admin/courses.xhtml");
    HttpResponse<String> imported = importZip(admin, "course.zip", zip);
    assertThat(imported.body()).contains("Imported the course", "Zipped", slug + "-one");
    assertThat(audit("course.import", null).get(0)).contains("course " + slug);
  }

  private HttpResponse<String> importZip(ConsoleClient admin, String name, byte[] bytes) {
    HttpResponse<String> page = admin.open("admin/courses.xhtml");
    java.util.regex.Matcher state = java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
        .matcher(page.body());
    assertThat(state.find()).isTrue();
    String boundary = "----runlab" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "import", "import");
    part(body, boundary, "importButton", "Import");
    part(body, boundary, "jakarta.faces.ViewState", state.group(1));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"import-zip\"; filename=\"" + name
        + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes());
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
    return admin.web.send(HttpRequest.newBuilder(page.uri())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String value) {
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
        + "\r\n").getBytes());
  }

  static byte[] zip(Map<String, String> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static long courseCount(String slug) throws Exception {
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM course WHERE slug = ?")) {
      q.setString(1, slug);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Audit entries, newest first, as "actor=..;action=..;subject=..;old=..;new=..;reason=..". */
  static List<String> audit(String action, String subject) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db = SharedDeployment.database();
        PreparedStatement q = db.prepareStatement("SELECT actor, action, subject, old_value, new_value, reason"
            + " FROM audit_entry WHERE (CAST(? AS VARCHAR) IS NULL OR action = ?)"
            + " AND (CAST(? AS VARCHAR) IS NULL OR subject = ?)"
            + " ORDER BY changed_at DESC, id DESC")) {
      q.setString(1, action);
      q.setString(2, action);
      q.setString(3, subject);
      q.setString(4, subject);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add("actor=" + r.getString(1) + ";action=" + r.getString(2) + ";subject=" + r.getString(3) + ";old="
              + r.getString(4) + ";new=" + r.getString(5) + ";reason=" + r.getString(6));
        }
      }
    }
    return out;
  }
}
