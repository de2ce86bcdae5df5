package org.runlab.engine.e2b;

import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries control-plane calls the server asked us to repeat: 429 after its Retry-After (capped),
 * and 5xx on idempotent methods, with exponential backoff. Create is retried by the client
 * itself, because a failed create may have half-succeeded.
 */
final class RetryInterceptor implements Interceptor {
  private final int maxRetries;
  private final Duration baseBackoff;
  private final Duration maxWait;

  RetryInterceptor(int maxRetries, Duration baseBackoff, Duration maxWait) {
    this.maxRetries = maxRetries;
    this.baseBackoff = baseBackoff;
    this.maxWait = maxWait;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    boolean idempotent = !chain.request().method().equals("POST");
    for (int retry = 0; retry < maxRetries; retry++) {
      int code = response.code();
      Duration wait;
      if (code == 429) {
        Duration asked = Responses.retryAfter(response.header("Retry-After"));
        wait = asked != null ? asked : backoff(retry);
      } else if (code >= 500 && idempotent) {
        wait = backoff(retry);
      } else {
        return response;
      }
      if (wait.compareTo(maxWait) > 0) {
        return response; // longer than we are willing to hold a thread: let the caller queue
      }
      response.close();
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting to retry", e);
      }
      response = chain.proceed(chain.request());
    }
    return response;
  }

  private Duration backoff(int retry) {
    return baseBackoff.multipliedBy(1L << retry);
  }
}
