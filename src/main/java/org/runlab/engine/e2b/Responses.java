package org.runlab.engine.e2b;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.Response;
import org.runlab.platform.JsonFactory;

/** Turns E2B's error answers (JSON or not) into {@link E2bException}s. */
final class Responses {
  private Responses() {}

  static E2bException failure(Response r) {
    String body;
    try {
      body = r.body().string();
    } catch (IOException e) {
      body = "";
    }
    String message = message(body);
    int code = r.code();
    E2bException.Kind kind;
    if (code == 401) {
      kind = E2bException.Kind.UNAUTHORIZED;
    } else if (code == 429) {
      kind = E2bException.Kind.RATE_LIMITED;
    } else if (code == 502 && message.contains("port is not open")) {
      kind = E2bException.Kind.PORT_NOT_OPEN;
    } else if (code == 502 && message.contains("sandbox was not found")) {
      kind = E2bException.Kind.SANDBOX_GONE;
    } else if (code >= 500) {
      kind = E2bException.Kind.SERVER;
    } else {
      kind = E2bException.Kind.REJECTED;
    }
    return new E2bException(
        kind,
        code,
        r.request().method() + " " + r.request().url().encodedPath() + ": " + code + " " + message,
        retryAfter(r.header("Retry-After")),
        null);
  }

  /** The {@code message} of a JSON error body, or the body itself when it is not JSON. */
  static String message(String body) {
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      JsonObject o = reader.readObject();
      return o.getString("message", body);
    } catch (RuntimeException notJson) {
      return body.strip();
    }
  }

  /** Parses Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }
}
