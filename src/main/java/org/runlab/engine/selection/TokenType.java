package org.runlab.engine.selection;

/** The kinds of token {@link PythonTokenizer} produces. */
public enum TokenType {
  NAME,
  NUMBER,
  /** A complete string or bytes literal, prefix and quotes included. */
  STRING,
  /** An f- or t-string: the whole literal; its replacement-field tokens follow until FSTRING_END. */
  FSTRING_START,
  FSTRING_END,
  OP,
  COMMENT,
  /** The end of a logical line (not emitted inside brackets or after a backslash continuation). */
  NEWLINE,
  /** A character Python would reject; the tokenizer records a problem and goes on. */
  ERROR,
  ENDMARKER
}
