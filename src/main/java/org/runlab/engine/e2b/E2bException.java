package org.runlab.engine.e2b;

import java.time.Duration;

/** A failure talking to E2B, classified so callers can decide what to do about it. */
public final class E2bException extends RuntimeException {
  /** What went wrong, in the terms the engine and pool act on. */
  public enum Kind {
    /** 401: the API key is wrong or revoked; the engine disables itself. */
    UNAUTHORIZED,
    /** 429 after the client's own retries; the caller queues. */
    RATE_LIMITED,
    /** 5xx or a non-JSON gateway answer; may be retried. */
    SERVER,
    /** The sandbox no longer exists (proxy 502 "not found", API 404). */
    SANDBOX_GONE,
    /** The sandbox runs but the code interpreter is not listening yet. */
    PORT_NOT_OPEN,
    /** Some other 4xx: a bug on our side. */
    REJECTED,
    /** The execution deadline passed. */
    DEADLINE,
    /** The connection failed or was cut. */
    NETWORK
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;

  public E2bException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public E2bException(Kind kind, int status, String message) {
    this(kind, status, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was none. */
  public int status() {
    return status;
  }

  /** How long the server asked us to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether the same request may succeed if sent again. */
  public boolean transientFailure() {
    return kind == Kind.SERVER || kind == Kind.NETWORK || kind == Kind.RATE_LIMITED;
  }
}
