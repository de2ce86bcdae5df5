package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Health, metrics, migrations, security headers, error pages and the learner pages' shell. */
@RunlabSpec
@Order(10)
class PlatformSpec {
  private final WebClient web;

  PlatformSpec(URI base) {
    this.web = new WebClient(base);
  }

  @Test
  void healthIsUpOnPostgresqlWithFlywaysSchema() {
    HttpResponse<String> health = web.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"", "\"name\":\"database\"", "PostgreSQL")
        .containsPattern("\"schemaVersion\":\"[1-9]");
  }

  @Test
  void metricsAreServedInPrometheusText() {
    HttpResponse<String> metrics = web.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE");
  }

  @Test
  void homePageListsTheDemoCourseAndItsLessons() {
    HttpResponse<String> home = web.get("");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Python basics", "Hello, Python", "Asking questions", "lesson.xhtml?l=hello");
  }

  @Test
  void everyPageCarriesSecurityHeaders() {
    HttpResponse<String> home = web.get("");
    assertThat(home.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
    assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(home.headers().firstValue("Referrer-Policy")).isPresent();
  }

  @Test
  void visitorsGetASignedAnonymousIdentityCookie() {
    HttpResponse<String> home = new WebClient(web.base()).get("");
    assertThat(home.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("runlab_visitor=").contains("HttpOnly"));
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() {
    HttpResponse<String> signIn = new WebClient(web.base()).get("signin.xhtml");
    assertThat(signIn.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"))
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));
  }

  @Test
  void lessonPageRendersMarkdownAndListsStarterFiles() {
    HttpResponse<String> lesson = web.get("lesson.xhtml?l=modules");
    assertThat(lesson.statusCode()).isEqualTo(200);
    assertThat(lesson.body())
        .contains("<h1>Functions in several files</h1>", "<code>main.py</code>", "<code>geometry.py</code>");
  }

  @Test
  void theUpgradePageAQuotaRefusalPointsAtExists() {
    HttpResponse<String> page = web.get("upgrade.xhtml");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("More server runs", "administrators");
  }

  @Test
  void unknownLessonIsA404WithoutStackTrace() {
    HttpResponse<String> missing = web.get("lesson.xhtml?l=no-such-lesson");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Page not found").doesNotContain("Exception", "at org.");
  }

  @Test
  void unknownPathIsA404WithoutStackTrace() {
    HttpResponse<String> missing = web.get("no/such/page");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Page not found").doesNotContain("Exception", "at org.", "Payara");
  }

  @Test
  void pathTraversalFindsNothing() {
    HttpResponse<String> sneaky = web.get("..%2F..%2FWEB-INF%2Fweb.xml");
    assertThat(sneaky.statusCode()).isIn(400, 404);
    assertThat(sneaky.body()).doesNotContain("<web-app");
    assertThat(web.get("WEB-INF/web.xml").body()).doesNotContain("<web-app");
  }
}
