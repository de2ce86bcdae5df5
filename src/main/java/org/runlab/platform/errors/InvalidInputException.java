package org.runlab.platform.errors;

/** Input that cannot be taken, naming the field at fault and what is wrong with it. */
public class InvalidInputException extends RunlabException {
  /** Why the input was not taken. */
  public enum Kind {
    /** Not readable at all: not UTF-8, not JSON, empty. */
    UNREADABLE,
    /** Larger than a configured limit. */
    TOO_LARGE,
    /** Well-formed, but a field is wrong. */
    INVALID
  }

  private final Kind kind;
  private final String field;

  public InvalidInputException(Kind kind, String field, String detail) {
    super(switch (kind) {
      case UNREADABLE -> "Unreadable request";
      case TOO_LARGE -> "Request too large";
      case INVALID -> "Invalid request";
    }, detail);
    this.kind = kind;
    this.field = field;
  }

  /** A well-formed request with a wrong field. */
  public static InvalidInputException invalid(String field, String detail) {
    return new InvalidInputException(Kind.INVALID, field, detail);
  }

  public Kind kind() {
    return kind;
  }

  /** The field at fault, or null when the whole input is. */
  public String field() {
    return field;
  }
}
