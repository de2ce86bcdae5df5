package org.runlab.engine.selection;

/** Character classes of Python source, for {@link PythonTokenizer}. */
final class Chars {
  /** One-character operators; two- and three-character ones are recognised by the tokenizer. */
  static final String OPS1 = "+-*/%@&|^~<>=.,:;!";
  /** Shared texts of one-character operators and brackets, so their tokens allocate none. */
  static final String[] SINGLE = new String[128];

  static {
    for (char c : (OPS1 + "()[]{}").toCharArray()) {
      SINGLE[c] = String.valueOf(c).intern();
    }
  }

  private Chars() {}

  static boolean isOp2(char c, char d) {
    return switch (c) {
      case '*' -> d == '*' || d == '=';
      case '/' -> d == '/' || d == '=';
      case '<' -> d == '<' || d == '=';
      case '>' -> d == '>' || d == '=';
      case '-' -> d == '>' || d == '=';
      case '=', '!', ':', '+', '%', '&', '|', '^', '@' -> d == '=';
      default -> false;
    };
  }

  static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }

  static boolean isNamePart(char c) {
    return c == '_' || Character.isLetterOrDigit(c) || Character.isUnicodeIdentifierPart(c)
        && !Character.isIdentifierIgnorable(c);
  }

  static boolean isStringPrefix(String src, int start, int end) {
    int n = end - start;
    if (n > 2) {
      return false;
    }
    String p = src.substring(start, end).toLowerCase();
    return switch (p) {
      case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt" -> true;
      default -> false;
    };
  }
}
