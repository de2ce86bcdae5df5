package org.runlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossOriginIsolationFilterTest {
  @Test
  void onlyFilesUnderAVersionFolderAreCachedForever() {
    assertThat(CrossOriginIsolationFilter.isVersioned("/pyodide/314.0.7/pyodide.asm.wasm")).isTrue();
    assertThat(CrossOriginIsolationFilter.isVersioned("/pyodide/314.0.7/")).isFalse();
    assertThat(CrossOriginIsolationFilter.isVersioned("/pyodide/latest/pyodide.mjs")).isFalse();
    assertThat(CrossOriginIsolationFilter.isVersioned("/pyodide/pyodide.mjs")).isFalse();
  }

  @Test
  void signInOnlyReturnsToALessonPageOfThisSite() {
    assertThat(SignInPage.safeNext("lesson.xhtml?l=hello")).isEqualTo("lesson.xhtml?l=hello");
    assertThat(SignInPage.safeNext("//evil.example/")).isEmpty();
    assertThat(SignInPage.safeNext("lesson.xhtml?l=hello&x=https://evil")).isEmpty();
    assertThat(SignInPage.safeNext(null)).isEmpty();
  }
}
