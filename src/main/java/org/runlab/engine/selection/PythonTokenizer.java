package org.runlab.engine.selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Python 3.12+ tokenizer: strings with every prefix, triple quotes, f- and t-strings with nested
 * replacement fields and nested quotes, comments, backslash continuations and brackets spanning
 * lines. It never throws: what Python would reject becomes a problem and scanning goes on.
 * Indentation is not tokenized; each token carries its column instead.
 */
public final class PythonTokenizer {

  private static final int MAX_FSTRING_NESTING = 100;

  private final String src;
  private final List<Token> out;
  private final List<String> problems = new ArrayList<>();
  private final Deque<int[]> open = new ArrayDeque<>(); // {bracket char, line}
  private int pos;
  private int line = 1;
  private int lineStart;
  private int fstringNesting;
  private boolean codeOnLine;

  private PythonTokenizer(String src) {
    this.src = src;
    this.out = new ArrayList<>(16 + src.length() / 3);
    if (src.startsWith("\uFEFF")) {
      pos = 1;
      lineStart = 1;
    }
  }

  /** Tokenizes {@code source}; never throws. */
  public static Tokenized tokenize(String source) {
    PythonTokenizer t = new PythonTokenizer(source);
    t.scan(false, false);
    for (int[] o : t.open) {
      t.problems.add("line " + o[1] + ": '" + (char) o[0] + "' was never closed");
    }
    t.newline();
    t.out.add(new Token(TokenType.ENDMARKER, "", t.line, 0, 0));
    return new Tokenized(t.out, t.problems);
  }

  /**
   * Scans tokens until the end, or, inside an f-string replacement field, until the '}', ':' or
   * '!' that ends the expression (left unconsumed).
   */
  private void scan(boolean inField, boolean singleLine) {
    int local = 0;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n' || c == '\r') {
        if (inField && singleLine) {
          return;
        }
        if (open.isEmpty() && fstringNesting == 0) {
          newline();
        }
        pos += c == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n' ? 2 : 1;
        nextLine();
      } else if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '#') {
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          pos++;
        }
        add(TokenType.COMMENT, start);
      } else if (c == '\\') {
        continuation();
      } else if (inField && local == 0 && (c == '}' || c == ':' || (c == '!' && !at("!=")))) {
        return;
      } else if (c == '_' || Character.isLetter(c) || Character.isUnicodeIdentifierStart(c)) {
        int start = pos;
        while (pos < src.length() && Chars.isNamePart(src.charAt(pos))) {
          pos++;
        }
        if (pos < src.length() && Chars.isQuote(src.charAt(pos)) && Chars.isStringPrefix(src, start, pos)) {
          string(start);
        } else {
          add(TokenType.NAME, start);
        }
      } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length()
          && Character.isDigit(src.charAt(pos + 1)))) {
        number();
      } else if (Chars.isQuote(c)) {
        string(pos);
      } else if (c == '(' || c == '[' || c == '{') {
        addOp(c);
        pos++;
        open.push(new int[] {c, line});
        local++;
      } else if (c == ')' || c == ']' || c == '}') {
        close(c);
        local = Math.max(0, local - 1);
      } else {
        operator(c);
      }
    }
  }

  private void continuation() {
    int next = pos + 1;
    if (next < src.length() && (src.charAt(next) == '\n' || src.charAt(next) == '\r')) {
      pos = next + (src.startsWith("\r\n", next) ? 2 : 1);
      nextLine();
    } else if (next >= src.length()) {
      problems.add("line " + line + ": unexpected end of file after line continuation");
      pos = next;
    } else {
      problems.add("line " + line + ": unexpected character after line continuation character");
      add(TokenType.ERROR, pos, next);
      pos = next;
    }
  }

  private void close(char c) {
    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
    addOp(c);
    pos++;
    if (open.isEmpty()) {
      problems.add("line " + line + ": unmatched '" + c + "'");
    } else {
      int[] top = open.pop();
      if (top[0] != expected) {
        problems.add("line " + line + ": closing '" + c + "' does not match '" + (char) top[0]
            + "' on line " + top[1]);
      }
    }
  }

  private void operator(char c) {
    int n = 1;
    if (pos + 1 < src.length()) {
      char d = src.charAt(pos + 1);
      if (pos + 2 < src.length() && (c == d && (c == '*' || c == '/' || c == '>' || c == '<')
          && src.charAt(pos + 2) == '=' || c == '.' && d == '.' && src.charAt(pos + 2) == '.')) {
        n = 3;
      } else if (Chars.isOp2(c, d)) {
        n = 2;
      }
    }
    if (n == 1 && Chars.OPS1.indexOf(c) < 0) {
      problems.add("line " + line + ": invalid character '" + c + "'");
      add(TokenType.ERROR, pos, pos + 1);
    } else if (n == 1) {
      addOp(c);
    } else {
      add(TokenType.OP, pos, pos + n);
    }
    pos += n;
  }

  /** Adds a one-character operator at {@code pos} without allocating its text. */
  private void addOp(char c) {
    codeOnLine = true;
    out.add(new Token(TokenType.OP, Chars.SINGLE[c], line, pos - lineStart, depth()));
  }

  private void number() {
    int start = pos;
    boolean hex = src.startsWith("0x", pos) || src.startsWith("0X", pos);
    while (pos < src.length()) {
      char c = src.charAt(pos);
      char prev = pos > start ? src.charAt(pos - 1) : ' ';
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.'
          || ((c == '+' || c == '-') && (prev == 'e' || prev == 'E') && !hex)) {
        pos++;
      } else {
        break;
      }
    }
    add(TokenType.NUMBER, start);
  }

  /** Scans a string literal whose prefix starts at {@code start}; {@code pos} is at the quote. */
  private void string(int start) {
    String prefix = src.substring(start, pos).toLowerCase();
    boolean formatted = prefix.indexOf('f') >= 0 || prefix.indexOf('t') >= 0;
    char q = src.charAt(pos);
    String tripleQuote = "" + q + q + q;
    boolean triple = at(tripleQuote);
    int startLine = line;
    int startColumn = start - lineStart;
    int depth = depth();
    int slot = out.size();
    if (formatted) {
      out.add(null);
    }
    pos += triple ? 3 : 1;
    boolean closed = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\\') { // in raw strings too, a backslash keeps the next quote from closing
        pos++;
        if (pos < src.length() && (src.charAt(pos) == '\n' || src.charAt(pos) == '\r')) {
          pos += src.startsWith("\r\n", pos) ? 2 : 1;
          nextLine();
        } else {
          pos++;
        }
      } else if (c == q && (!triple || at(tripleQuote))) {
        pos += triple ? 3 : 1;
        closed = true;
        break;
      } else if (c == '\n' || c == '\r') {
        if (!triple) {
          break;
        }
        pos += src.startsWith("\r\n", pos) ? 2 : 1;
        nextLine();
      } else if (formatted && c == '{') {
        if (at("{{")) {
          pos += 2;
        } else if (fstringNesting >= MAX_FSTRING_NESTING) { // bounds the recursion
          problems.add("line " + line + ": f-string nested too deeply");
          pos++;
        } else {
          pos++;
          replacementField(!triple);
        }
      } else {
        pos++;
      }
    }
    pos = Math.min(pos, src.length());
    if (!closed) {
      problems.add("line " + startLine + ": unterminated " + (triple ? "triple-quoted " : "")
          + "string literal");
    }
    String text = src.substring(start, pos);
    if (formatted) {
      out.set(slot, new Token(TokenType.FSTRING_START, text, startLine, startColumn, depth));
      codeOnLine = true;
      out.add(new Token(TokenType.FSTRING_END, "", line, pos - lineStart, depth));
    } else {
      out.add(new Token(TokenType.STRING, text, startLine, startColumn, depth));
    }
    codeOnLine = true;
  }

  /** After an f-string's '{': the expression, an optional !conversion and :format spec, '}'. */
  private void replacementField(boolean singleLine) {
    fstringNesting++;
    scan(true, singleLine);
    if (pos < src.length() && src.charAt(pos) == '!') {
      pos++;
      while (pos < src.length() && Chars.isNamePart(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < src.length() && src.charAt(pos) == ':') {
      pos++;
      while (pos < src.length() && src.charAt(pos) != '}') {
        char c = src.charAt(pos);
        if ((c == '\n' || c == '\r') && singleLine) {
          break;
        }
        pos++;
        if (c == '{') {
          replacementField(singleLine);
        }
      }
    }
    if (pos < src.length() && src.charAt(pos) == '}') {
      pos++;
    } else {
      problems.add("line " + line + ": f-string: expecting '}'");
    }
    fstringNesting--;
  }

  private void newline() {
    if (codeOnLine) {
      out.add(new Token(TokenType.NEWLINE, "", line, pos - lineStart, 0));
      codeOnLine = false;
    }
  }

  private void nextLine() {
    line++;
    lineStart = pos;
  }

  private void add(TokenType type, int start) {
    add(type, start, pos);
  }

  private void add(TokenType type, int start, int end) {
    codeOnLine |= type != TokenType.COMMENT;
    out.add(new Token(type, src.substring(start, end), line, start - lineStart, depth()));
  }

  private int depth() {
    return open.size() + fstringNesting;
  }

  private boolean at(String s) {
    return src.startsWith(s, pos);
  }
}
