package org.runlab.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The rules a new account must meet, each broken rule named with the form field it concerns. */
public final class AccountRules {
  public static final int MAX_EMAIL = 254;
  public static final int MAX_NAME = 80;
  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 128;

  private static final Set<String> COMMON_PASSWORDS =
      Set.of(
          "password12", "password123", "password1234", "1234567890", "qwertyuiop",
          "iloveyou123", "letmein123", "welcome123", "abc1234567", "passw0rd12",
          "qwerty1234", "administrator", "0123456789", "1q2w3e4r5t", "asdfghjkl1");

  private AccountRules() {}

  /** One broken rule: which field, and a message a person can act on. */
  public record Problem(String field, String message) {}

  /** Lower-cases and trims an e-mail address so one person has one account. */
  public static String normaliseEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  public static List<Problem> checkSignUp(String email, String displayName, String password) {
    List<Problem> problems = new ArrayList<>();
    checkEmail(normaliseEmail(email)).ifPresent(m -> problems.add(new Problem("email", m)));
    checkName(displayName).ifPresent(m -> problems.add(new Problem("displayName", m)));
    checkPassword(password, email).ifPresent(m -> problems.add(new Problem("password", m)));
    return problems;
  }

  static Optional<String> checkEmail(String email) {
    if (email.isEmpty()) {
      return Optional.of("Enter your e-mail address.");
    }
    if (email.length() > MAX_EMAIL) {
      return Optional.of("An e-mail address has at most " + MAX_EMAIL + " characters.");
    }
    int at = email.indexOf('@');
    boolean wellFormed =
        at > 0
            && at == email.lastIndexOf('@')
            && at < email.length() - 1
            && at <= 64
            && email.substring(at + 1).contains(".")
            && !email.substring(at + 1).startsWith(".")
            && !email.endsWith(".")
            && !email.contains("..")
            && email.chars().allMatch(AccountRules::isEmailChar);
    return wellFormed
        ? Optional.empty()
        : Optional.of("This does not look like an e-mail address (like ada@example.org).");
  }

  private static boolean isEmailChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || "@.!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
  }

  static Optional<String> checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      return Optional.of("Enter the name other people will see.");
    }
    if (n.codePointCount(0, n.length()) > MAX_NAME) {
      return Optional.of("A name has at most " + MAX_NAME + " characters.");
    }
    if (n.codePoints().anyMatch(Character::isISOControl)) {
      return Optional.of("A name cannot contain control characters.");
    }
    return Optional.empty();
  }

  static Optional<String> checkPassword(String password, String email) {
    String p = password == null ? "" : password;
    if (p.length() < MIN_PASSWORD) {
      return Optional.of(
          "Choose a password of at least " + MIN_PASSWORD + " characters.");
    }
    if (p.length() > MAX_PASSWORD) {
      return Optional.of("A password has at most " + MAX_PASSWORD + " characters.");
    }
    boolean letters = p.codePoints().anyMatch(Character::isLetter);
    boolean others = p.codePoints().anyMatch(c -> !Character.isLetter(c));
    if (!letters || !others) {
      return Optional.of(
          "Mix letters with digits or symbols, so the password is harder to guess.");
    }
    String lower = p.toLowerCase(Locale.ROOT);
    if (COMMON_PASSWORDS.contains(lower) || p.chars().distinct().count() < 4) {
      return Optional.of("This password is too easy to guess; choose another.");
    }
    String local = normaliseEmail(email);
    local = local.contains("@") ? local.substring(0, local.indexOf('@')) : local;
    if (local.length() >= 4 && lower.contains(local)) {
      return Optional.of("Your password should not contain your e-mail address.");
    }
    return Optional.empty();
  }
}
