package org.runlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInPageTest {
  @Test
  void returnsToAnyPageOfRunlab() {
    assertThat(SignInPage.safeNext("lesson.xhtml?l=modules")).isEqualTo("lesson.xhtml?l=modules");
    assertThat(SignInPage.safeNext("upgrade.xhtml")).isEqualTo("upgrade.xhtml");
    assertThat(SignInPage.safeNext("admin/limits.xhtml")).isEqualTo("admin/limits.xhtml");
    assertThat(SignInPage.safeNext("admin/runs.xhtml")).isEqualTo("admin/runs.xhtml");
    assertThat(SignInPage.safeNext("finance/")).isEqualTo("finance/");
  }

  @Test
  void neverLeavesTheSiteNorLoopsBackToSignIn() {
    assertThat(SignInPage.safeNext("https://evil.example/")).isEmpty();
    assertThat(SignInPage.safeNext("//evil.example/x.xhtml")).isEmpty();
    assertThat(SignInPage.safeNext("/lesson.xhtml")).isEmpty();
    assertThat(SignInPage.safeNext("../x.xhtml")).isEmpty();
    assertThat(SignInPage.safeNext("admin/../../x")).isEmpty();
    assertThat(SignInPage.safeNext("lesson.xhtml?l=a\r\nSet-Cookie:x")).isEmpty();
    assertThat(SignInPage.safeNext("signin.xhtml")).isEmpty();
    assertThat(SignInPage.safeNext(null)).isEmpty();
  }
}
