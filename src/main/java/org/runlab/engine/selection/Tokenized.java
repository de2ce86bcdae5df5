package org.runlab.engine.selection;

import java.util.List;

/**
 * The tokens of one source text and the problems found while reading it (an unterminated string,
 * an unclosed bracket). Tokens are produced even when there are problems.
 */
public record Tokenized(List<Token> tokens, List<String> problems) {
  public Tokenized {
    tokens = java.util.Collections.unmodifiableList(tokens); // large; the tokenizer hands it over
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}
