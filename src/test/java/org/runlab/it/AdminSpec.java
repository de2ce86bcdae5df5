package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The admin console admits admins only. */
@RunlabSpec
@Order(30)
class AdminSpec {
  static final String ADMIN_EMAIL = "admin@runlab.local";
  static final String ADMIN_PASSWORD = System.getProperty("runlab.it.admin-password", "it-Secret-42-x");

  private final URI base;

  AdminSpec(URI base) {
    this.base = base;
  }

  @Test
  void visitorsAreSentToSignIn() {
    HttpResponse<String> page = new WebClient(base).get("admin/index.xhtml");
    assertThat(page.uri().getPath()).endsWith("signin.xhtml");
  }

  @Test
  void learnersAreRefused() {
    WebClient web = new WebClient(base);
    AccountSpec.signUp(web, AccountSpec.uniqueEmail(), "Curious Learner", "peeking in 123");
    HttpResponse<String> page = web.get("admin/index.xhtml");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("Not allowed").doesNotContain("Component health");
  }

  @Test
  void adminsSeeTheDashboardWithComponentHealth() {
    WebClient web = new WebClient(base);
    AccountSpec.signIn(web, ADMIN_EMAIL, ADMIN_PASSWORD);
    HttpResponse<String> page = web.get("admin/index.xhtml");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Component health", "database", "working");
  }
}
