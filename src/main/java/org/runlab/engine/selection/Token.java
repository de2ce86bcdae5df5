package org.runlab.engine.selection;

/**
 * One token of Python source.
 *
 * @param line 1-based line of the token's first character
 * @param column 0-based column of the token's first character
 * @param depth bracket nesting before this token (0 at statement level)
 */
public record Token(TokenType type, String text, int line, int column, int depth) {

  public boolean is(TokenType t, String s) {
    return type == t && text.equals(s);
  }

  public boolean isName(String s) {
    return is(TokenType.NAME, s);
  }

  public boolean isOp(String s) {
    return is(TokenType.OP, s);
  }

  /** Whether this is a string literal of any kind (plain, bytes, f-string). */
  public boolean isString() {
    return type == TokenType.STRING || type == TokenType.FSTRING_START;
  }

  /** A string literal's text without prefix and quotes; escapes are left as written. */
  public String stringValue() {
    int start = 0;
    while (start < text.length() && text.charAt(start) != '\'' && text.charAt(start) != '"') {
      start++;
    }
    int quotes = text.startsWith("\"\"\"", start) || text.startsWith("'''", start) ? 3 : 1;
    int from = Math.min(text.length(), start + quotes);
    int to = text.length() - quotes;
    return to >= from ? text.substring(from, to) : text.substring(from);
  }
}
