package org.runlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInReturnTest {
  @Test
  void returnsOnlyToPagesOfThisApplication() {
    assertThat(SignInPage.safeReturn("admin/runs.xhtml")).isEqualTo("admin/runs.xhtml");
    assertThat(SignInPage.safeReturn("lesson.xhtml?l=hello")).isEqualTo("lesson.xhtml?l=hello");
    assertThat(SignInPage.safeReturn("finance/")).isEqualTo("finance/");
    assertThat(SignInPage.safeReturn("//evil.example/x")).isNull();
    assertThat(SignInPage.safeReturn("admin/../../x")).isNull();
    assertThat(SignInPage.safeReturn("signin.xhtml")).isNull();
    assertThat(SignInPage.safeReturn("https://evil.example/")).isNull();
  }
}
