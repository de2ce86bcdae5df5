package org.runlab.engine.e2b;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import okio.BufferedSource;
import org.runlab.engine.OutputSink;
import org.runlab.platform.JsonFactory;

/**
 * Reads the code interpreter's NDJSON stream incrementally. Lines may arrive split over chunks
 * (okio reassembles them); keepalives, unknown event types and unknown fields are ignored.
 */
final class ExecutionStream {
  private ExecutionStream() {}

  /** Reads events into {@code into} until {@code end_of_execution} or the end of the body. */
  static void read(BufferedSource body, Execution into, OutputSink listener)
      throws IOException {
    for (String line; (line = body.readUtf8Line()) != null; ) {
      if (apply(line, into, listener)) {
        into.finish();
        return;
      }
    }
  }

  /** Applies one line; returns true on {@code end_of_execution}. */
  static boolean apply(String line, Execution into, OutputSink listener) {
    if (line.isBlank()) {
      return false;
    }
    JsonObject event;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(line))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return false;
      }
      event = value.asJsonObject();
    } catch (JsonException e) {
      return false; // a garbled line must not end the run; the end marker decides that
    }
    switch (string(event, "type")) {
      case "stdout" -> {
        String text = string(event, "text");
        into.appendStdout(text);
        listener.stdout(text);
      }
      case "stderr" -> {
        String text = string(event, "text");
        into.appendStderr(text);
        listener.stderr(text);
      }
      case "result" ->
          into.add(
              new Execution.Output(
                  event.getBoolean("is_main_result", false),
                  stringOrNull(event, "text"),
                  stringOrNull(event, "png")));
      case "error" ->
          into.error(
              new Execution.Error(
                  string(event, "name"), string(event, "value"), string(event, "traceback")));
      case "number_of_executions" -> {
        if (event.get("execution_count") instanceof jakarta.json.JsonNumber n) {
          into.executionCount(n.intValue());
        }
      }
      case "end_of_execution" -> {
        return true;
      }
      default -> {
        // keepalive and event types newer than this client
      }
    }
    return false;
  }

  private static String string(JsonObject o, String key) {
    String s = stringOrNull(o, key);
    return s == null ? "" : s;
  }

  private static String stringOrNull(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof jakarta.json.JsonString s ? s.getString() : null;
  }
}
