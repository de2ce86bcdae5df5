package org.runlab.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRulesTest {
  private static final String GOOD_PASSWORD = "correct horse 42";

  private static List<String> fieldsWithProblems(String email, String name, String password) {
    return AccountRules.checkSignUp(email, name, password).stream()
        .map(AccountRules.Problem::field)
        .toList();
  }

  @Test
  void acceptsAWellFormedSignUp() {
    assertThat(AccountRules.checkSignUp("Ada@Example.org", "Ada Lovelace", GOOD_PASSWORD)).isEmpty();
  }

  @Test
  void normalisesEmailToLowerCaseWithoutSpaces() {
    assertThat(AccountRules.normaliseEmail("  Ada@Example.ORG ")).isEqualTo("ada@example.org");
  }

  @Test
  void refusesMalformedEmails() {
    for (String bad :
        List.of("", "ada", "ada@", "@example.org", "ada@example", "a@b@example.org",
            "ada@.example.org", "ada@example..org", "ada lovelace@example.org", "ada@example.org.",
            "<script>@example.org")) {
      assertThat(fieldsWithProblems(bad, "Ada", GOOD_PASSWORD)).as(bad).containsExactly("email");
    }
  }

  @Test
  void refusesAnOverlongEmail() {
    String email = "a".repeat(60) + "@" + "b".repeat(200) + ".org";
    assertThat(AccountRules.checkSignUp(email, "Ada", GOOD_PASSWORD))
        .extracting(AccountRules.Problem::message)
        .containsExactly("An e-mail address has at most 254 characters.");
  }

  @Test
  void refusesShortPasswords() {
    assertThat(AccountRules.checkSignUp("ada@example.org", "Ada", "abc123"))
        .extracting(AccountRules.Problem::message)
        .containsExactly("Choose a password of at least 10 characters.");
  }

  @Test
  void refusesPasswordsOfOnlyLettersOrOnlyDigits() {
    assertThat(fieldsWithProblems("ada@example.org", "Ada", "abcdefghijkl")).containsExactly("password");
    assertThat(fieldsWithProblems("ada@example.org", "Ada", "123456789012")).containsExactly("password");
  }

  @Test
  void refusesCommonAndRepetitivePasswords() {
    assertThat(fieldsWithProblems("ada@example.org", "Ada", "Password123")).containsExactly("password");
    assertThat(fieldsWithProblems("ada@example.org", "Ada", "aaaaaaa111")).containsExactly("password");
  }

  @Test
  void refusesAPasswordContainingTheEmail() {
    assertThat(fieldsWithProblems("lovelace@example.org", "Ada", "lovelace2024!"))
        .containsExactly("password");
  }

  @Test
  void refusesAnOverlongPassword() {
    assertThat(AccountRules.checkSignUp("ada@example.org", "Ada", "a1".repeat(65)))
        .extracting(AccountRules.Problem::message)
        .containsExactly("A password has at most 128 characters.");
  }

  @Test
  void refusesEmptyOverlongAndControlCharacterNames() {
    assertThat(fieldsWithProblems("ada@example.org", " ", GOOD_PASSWORD)).containsExactly("displayName");
    assertThat(fieldsWithProblems("ada@example.org", "x".repeat(81), GOOD_PASSWORD))
        .containsExactly("displayName");
    assertThat(fieldsWithProblems("ada@example.org", "Ada\u0000", GOOD_PASSWORD))
        .containsExactly("displayName");
  }

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    assertThat(fieldsWithProblems("nope", "", "short"))
        .containsExactly("email", "displayName", "password");
  }
}
