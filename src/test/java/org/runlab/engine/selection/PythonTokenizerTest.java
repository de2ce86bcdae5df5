package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTokenizerTest {

  private static List<Token> tokens(String src) {
    return PythonTokenizer.tokenize(src).tokens();
  }

  private static List<String> texts(String src, TokenType type) {
    return tokens(src).stream().filter(t -> t.type() == type).map(Token::text).toList();
  }

  @Test
  void splitsNamesNumbersAndOperators() {
    assertThat(tokens("x **= 2.5e-3 // y").stream().map(Token::text).toList())
        .containsExactly("x", "**=", "2.5e-3", "//", "y", "", "");
  }

  @Test
  void keepsAStringWithAnImportInsideAsOneStringToken() {
    assertThat(texts("s = 'import os'\n", TokenType.STRING)).containsExactly("'import os'");
    assertThat(texts("s = 'import os'\n", TokenType.NAME)).containsExactly("s");
  }

  @Test
  void readsTripleQuotedStringsAcrossLinesWithQuotesInside() {
    String src = "d = \"\"\"one \"two\" 'three'\nimport socket\n\"\"\"\nx = 1\n";
    Tokenized t = PythonTokenizer.tokenize(src);
    assertThat(t.clean()).isTrue();
    assertThat(texts(src, TokenType.NAME)).containsExactly("d", "x");
    assertThat(t.tokens().stream().filter(k -> k.isName("x")).findFirst().orElseThrow().line())
        .isEqualTo(4);
  }

  @Test
  void commentsAreCommentTokensNotCode() {
    String src = "x = 1  # import numpy\n# from os import fork\n";
    assertThat(texts(src, TokenType.COMMENT)).containsExactly("# import numpy", "# from os import fork");
    assertThat(texts(src, TokenType.NAME)).containsExactly("x");
  }

  @Test
  void readsEveryStringPrefixCaseInsensitively() {
    String src = "a = rb'\\x' + Br\"y\" + u'z' + F'{a}' + t'{b}'\n";
    assertThat(PythonTokenizer.tokenize(src).clean()).isTrue();
    assertThat(texts(src, TokenType.STRING)).containsExactly("rb'\\x'", "Br\"y\"", "u'z'");
    assertThat(texts(src, TokenType.FSTRING_START)).containsExactly("F'{a}'", "t'{b}'");
  }

  @Test
  void aBackslashKeepsTheQuoteOpenEvenInRawStrings() {
    String src = "a = r'it\\'s'\nb = 'x\\\\'\n";
    Tokenized t = PythonTokenizer.tokenize(src);
    assertThat(t.clean()).isTrue();
    assertThat(texts(src, TokenType.STRING)).containsExactly("r'it\\'s'", "'x\\\\'");
  }

  @Test
  void tokenizesTheExpressionsInsideFStrings() {
    String src = "print(f\"{__import__('os').getcwd()!r:>{width}} {{not}}\")\n";
    Tokenized t = PythonTokenizer.tokenize(src);
    assertThat(t.clean()).isTrue();
    assertThat(texts(src, TokenType.NAME)).containsExactly("print", "__import__", "getcwd", "width");
    assertThat(texts(src, TokenType.STRING)).containsExactly("'os'");
  }

  @Test
  void readsFStringsWithTheSameQuotesNested() {
    String src = "x = f\"{d[\"k\"]} {f'{y[\"z\"]}'}\"\nz = 2\n";
    Tokenized t = PythonTokenizer.tokenize(src);
    assertThat(t.clean()).isTrue();
    assertThat(texts(src, TokenType.NAME)).containsExactly("x", "d", "y", "z");
    assertThat(t.tokens().stream().filter(k -> k.type() == TokenType.NEWLINE)).hasSize(2);
  }

  @Test
  void noNewlineInsideBracketsOrAfterABackslashContinuation() {
    String src = "x = [1,\n 2,\n 3]\ny = 1 + \\\n 2\n";
    assertThat(tokens(src).stream().filter(k -> k.type() == TokenType.NEWLINE)).hasSize(2);
  }

  @Test
  void recordsBracketDepthOnEveryToken() {
    List<Token> t = tokens("f(a, [b])\n");
    assertThat(t.stream().filter(k -> k.isName("a")).findFirst().orElseThrow().depth()).isEqualTo(1);
    assertThat(t.stream().filter(k -> k.isName("b")).findFirst().orElseThrow().depth()).isEqualTo(2);
  }

  @Test
  void reportsAnUnterminatedStringAndGoesOn() {
    Tokenized t = PythonTokenizer.tokenize("print(\"hello)\nimport os\n");
    assertThat(t.problems()).anyMatch(p -> p.contains("line 1: unterminated string"));
    assertThat(t.tokens()).anyMatch(k -> k.isName("os"));
  }

  @Test
  void reportsAnUnterminatedTripleQuotedString() {
    assertThat(PythonTokenizer.tokenize("x = '''open\nimport os\n").problems())
        .anyMatch(p -> p.contains("unterminated triple-quoted"));
  }

  @Test
  void reportsUnclosedAndMismatchedBrackets() {
    assertThat(PythonTokenizer.tokenize("x = [1, 2\n").problems())
        .containsExactly("line 1: '[' was never closed");
    assertThat(PythonTokenizer.tokenize("x = (1]\n").problems())
        .anyMatch(p -> p.contains("does not match '('"));
    assertThat(PythonTokenizer.tokenize("x = 1)\n").problems())
        .containsExactly("line 1: unmatched ')'");
  }

  @Test
  void reportsInvalidCharacters() {
    assertThat(PythonTokenizer.tokenize("x = 5 $ 3\n").problems())
        .containsExactly("line 1: invalid character '$'");
  }

  @Test
  void readsUnicodeNamesAndCrLfLineEnds() {
    String src = "größe = 1\r\nπ = 2\r\n";
    assertThat(PythonTokenizer.tokenize(src).clean()).isTrue();
    assertThat(texts(src, TokenType.NAME)).containsExactly("größe", "π");
  }

  @Test
  void neverThrowsOnGarbage() {
    Tokenized t = PythonTokenizer.tokenize("f'{'\n\\\"\"\"\u0000)]}{([ ` ? \\");
    assertThat(t.problems()).isNotEmpty();
    assertThat(t.tokens().get(t.tokens().size() - 1).type()).isEqualTo(TokenType.ENDMARKER);
  }

  @Test
  void neverThrowsOnRandomPythonLikeText() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "abf r'\"\\{}()[]:!#=\n\t.0123456789eE+-_";
    for (int run = 0; run < 20_000; run++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Tokenized t = PythonTokenizer.tokenize(s.toString());
      assertThat(t.tokens()).isNotEmpty();
    }
  }

  @Test
  void deeplyNestedFStringsAreAProblemNotAStackOverflow() {
    String src = "x = " + "f'{".repeat(20_000) + "1" + "}'".repeat(20_000) + "\n";
    assertThat(PythonTokenizer.tokenize(src).problems()).contains("line 1: f-string nested too deeply");
  }

  @Test
  void stringValueDropsPrefixAndQuotes() {
    Token t = tokens("rb'''abc'''").get(0);
    assertThat(t.stringValue()).isEqualTo("abc");
  }
}
