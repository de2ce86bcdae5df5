package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Sign-up, sign-in and sign-out over HTTP, and every refusal on the forms. */
@RunlabSpec
@Order(20)
class AccountSpec {
  private final URI base;

  AccountSpec(URI base) {
    this.base = base;
  }

  static String uniqueEmail() {
    return "learner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  static HttpResponse<String> signUp(WebClient web, String email, String name, String password) {
    return web.submit(
        "signup.xhtml", "signup", Map.of("email", email, "displayName", name, "password", password), "submit");
  }

  static HttpResponse<String> signIn(WebClient web, String email, String password) {
    return web.submit("signin.xhtml", "signin", Map.of("email", email, "password", password), "submit");
  }

  @Test
  void signUpCreatesAFreeLearnerAndSignsThemIn() {
    WebClient web = new WebClient(base);
    HttpResponse<String> page = signUp(web, uniqueEmail(), "Grace Hopper", "compilers 1952");
    assertThat(page.body()).contains("Grace Hopper", "FREE", "Sign out").doesNotContain("nav-signin");
  }

  @Test
  void signInAfterSignUpWorksInAFreshSession() {
    String email = uniqueEmail();
    signUp(new WebClient(base), email, "Alan Turing", "enigma machine 1");
    HttpResponse<String> page = signIn(new WebClient(base), email.toUpperCase(), "enigma machine 1");
    assertThat(page.body()).contains("Alan Turing", "Sign out");
  }

  @Test
  void signOutEndsTheSession() {
    WebClient web = new WebClient(base);
    signUp(web, uniqueEmail(), "Edsger Dijkstra", "shortest path 59");
    HttpResponse<String> after = web.submit("index.xhtml", "nav", Map.of(), "nav:signout");
    assertThat(after.body()).contains("nav-signin").doesNotContain("Edsger Dijkstra");
  }

  @Test
  void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
    String email = uniqueEmail();
    signUp(new WebClient(base), email, "Barbara Liskov", "substitution 87");
    HttpResponse<String> page = signIn(new WebClient(base), email, "substitution 88");
    assertThat(page.body()).contains("The e-mail address or the password is not right.");
    assertThat(signIn(new WebClient(base), uniqueEmail(), "substitution 87").body())
        .contains("The e-mail address or the password is not right.");
  }

  @Test
  void duplicateEmailIsRefusedOnTheForm() {
    String email = uniqueEmail();
    signUp(new WebClient(base), email, "First", "first person 1");
    HttpResponse<String> page = signUp(new WebClient(base), email, "Second", "second person 2");
    assertThat(page.body()).contains("An account with this e-mail address already exists.");
    assertThat(signIn(new WebClient(base), email, "second person 2").body())
        .contains("The e-mail address or the password is not right.");
  }

  @Test
  void weakMalformedAndOverlongInputIsRefusedAndNothingIsCreated() {
    String email = uniqueEmail();
    HttpResponse<String> weak = signUp(new WebClient(base), email, "Weak", "short1");
    assertThat(weak.body()).contains("Choose a password of at least 10 characters.");
    assertThat(signIn(new WebClient(base), email, "short1").body()).contains("is not right");

    assertThat(signUp(new WebClient(base), "not-an-email", "X", "long enough 123").body())
        .contains("This does not look like an e-mail address");
    assertThat(signUp(new WebClient(base), uniqueEmail(), "n".repeat(200), "long enough 123").body())
        .contains("A name has at most 80 characters.");
    assertThat(signUp(new WebClient(base), uniqueEmail(), "Long", "a1".repeat(100)).body())
        .contains("A password has at most 128 characters.");
  }

  @Test
  void markupInANameIsShownAsText() {
    WebClient web = new WebClient(base);
    HttpResponse<String> page = signUp(web, uniqueEmail(), "<b>bold</b>", "markup check 12");
    assertThat(page.body()).contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");
  }
}
