package org.runlab.engine.e2b.fake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults a test injects into the fake. Every field is read on each request. */
public final class FakeFaults {
  /** How long create takes. */
  public volatile Duration createLatency = Duration.ZERO;
  /** Every control-plane call answers 401. */
  public volatile boolean unauthorized;
  /** How many of the next control-plane calls answer 429 with {@link #retryAfterSeconds}. */
  public final AtomicInteger rateLimited = new AtomicInteger();

  public volatile int retryAfterSeconds = 1;
  /**
   * How many of the next creates answer 429 for the team's concurrency cap, as the API handler
   * does: the real message and no Retry-After (only the per-route rate limiter sends one).
   */
  public final AtomicInteger createConcurrencyCapped = new AtomicInteger();
  /** How many of the next creates answer 500 JSON. */
  public final AtomicInteger createServerErrors = new AtomicInteger();
  /** How many of the next creates answer a plain-text 504 from the "load balancer". */
  public final AtomicInteger createGatewayTimeouts = new AtomicInteger();
  /** Whether a failed create still leaves a running sandbox behind (a half-success). */
  public volatile boolean failedCreateLeavesSandbox;
  /** How long after create the interpreter port stays closed (502 "port is not open"). */
  public volatile Duration portClosedFor = Duration.ZERO;
  /** How many of the next executions stream their first event and then go silent. */
  public final AtomicInteger silentExecutions = new AtomicInteger();
  /**
   * How many of the next executions that print are cut right after their first stdout event: the
   * proxy ends the response without {@code end_of_execution}, as when a sandbox's network fails.
   */
  public final AtomicInteger cutExecutions = new AtomicInteger();
  /** Split every event line across two chunks with a pause between them. */
  public volatile boolean splitEvents;
  /** Add unknown event types and unknown fields on known events. */
  public volatile boolean unknownEvents;
  /** The gap without output after which a keepalive event is sent. */
  public volatile Duration keepaliveInterval = Duration.ofSeconds(5);
  /** The most sandboxes one list page holds, whatever limit the client asks for. */
  public volatile int maxPageSize = 100;
  /** The plan's maximum sandbox life (Hobby: 1 h). */
  public volatile Duration planMaxLifetime = Duration.ofHours(1);

  /** Takes one from a counter if positive. */
  static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
