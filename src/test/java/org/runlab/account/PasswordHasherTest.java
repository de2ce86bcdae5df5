package org.runlab.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(10_000);

  @Test
  void verifiesTheRightPassword() {
    String hash = hasher.hash("correct horse 42");
    assertThat(hasher.verify("correct horse 42", hash)).isTrue();
  }

  @Test
  void rejectsAWrongPassword() {
    assertThat(hasher.verify("correct horse 43", hasher.hash("correct horse 42"))).isFalse();
  }

  @Test
  void saltsEveryHashDifferently() {
    assertThat(hasher.hash("same password 1")).isNotEqualTo(hasher.hash("same password 1"));
  }

  @Test
  void writesASelfDescribingPbkdf2Hash() {
    assertThat(hasher.hash("correct horse 42")).startsWith("pbkdf2-sha256$10000$");
  }

  @Test
  void verifiesHashesMadeWithAnotherIterationCount() {
    String old = new PasswordHasher(2_000).hash("correct horse 42");
    assertThat(hasher.verify("correct horse 42", old)).isTrue();
  }

  @Test
  void treatsMalformedHashesAsNoMatch() {
    assertThat(hasher.verify("x", null)).isFalse();
    assertThat(hasher.verify("x", "")).isFalse();
    assertThat(hasher.verify("x", "md5$abc")).isFalse();
    assertThat(hasher.verify("x", "pbkdf2-sha256$ten$!!$!!")).isFalse();
  }

  @Test
  void refusesTooFewIterations() {
    assertThatThrownBy(() -> new PasswordHasher(10)).isInstanceOf(IllegalArgumentException.class);
  }
}
