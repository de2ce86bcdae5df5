package org.runlab.execution;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.runlab.engine.EngineId;
import org.runlab.engine.Verdict;
import org.runlab.platform.JsonFactory;
import org.runlab.platform.errors.InvalidInputException.Kind;
import org.runlab.platform.errors.InvalidInputException;

/** What the page tells Runlab after running a program in Pyodide. */
public record BrowserReport(
    Verdict verdict, Integer exitCode, long wallTimeMs, long peakMemoryBytes, String stdout, String stderr,
    boolean stdoutTruncated, boolean stderrTruncated) {
  static final Set<Verdict> BROWSER_VERDICTS = EnumSet.of(Verdict.OK, Verdict.RUNTIME_ERROR,
      Verdict.TIME_LIMIT, Verdict.MEMORY_LIMIT, Verdict.OUTPUT_LIMIT, Verdict.CANCELLED, Verdict.ENGINE_ERROR);
  static final int MAX_OUTPUT_CHARS = 64 * 1024;
  static final long MAX_WALL_MS = 24L * 3600 * 1000;

  public static BrowserReport parse(String body) {
    JsonObject json;
    try (var reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      JsonValue v = reader.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw unreadable("body", "The report must be a JSON object.");
      }
      json = v.asJsonObject();
    } catch (JsonParsingException e) {
      throw unreadable("body", "The report is not valid JSON: " + e.getMessage());
    } catch (jakarta.json.JsonException e) {
      throw unreadable("body", "The report is not valid JSON.");
    }
    Verdict verdict;
    try {
      verdict = Verdict.valueOf(string(json, "verdict", ""));
    } catch (IllegalArgumentException e) {
      verdict = null;
    }
    if (verdict == null || !BROWSER_VERDICTS.contains(verdict)) {
      throw invalid("verdict", "\"verdict\" must be one of " + BROWSER_VERDICTS + ".");
    }
    Integer exit = json.get("exitCode") instanceof JsonNumber n ? n.intValue() : null;
    long wall = number(json, "wallTimeMs", MAX_WALL_MS);
    long memory = number(json, "peakMemoryBytes", 1L << 40);
    String out = string(json, "stdout", "");
    String err = string(json, "stderr", "");
    return new BrowserReport(verdict, exit, wall, memory, cap(out), cap(err),
        out.length() > MAX_OUTPUT_CHARS || json.getBoolean("stdoutTruncated", false),
        err.length() > MAX_OUTPUT_CHARS || json.getBoolean("stderrTruncated", false));
  }

  RunOutcome outcome() {
    return new RunOutcome(EngineId.BROWSER.id(), verdict, exitCode, wallTimeMs, 0, peakMemoryBytes, stdout, stderr,
        stdoutTruncated, stderrTruncated, List.of(), java.math.BigDecimal.ZERO, null);
  }

  private static String cap(String s) {
    return s.length() > MAX_OUTPUT_CHARS ? s.substring(0, MAX_OUTPUT_CHARS) : s;
  }

  private static String string(JsonObject json, String name, String dflt) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return dflt;
    }
    if (!(v instanceof JsonString s)) {
      throw invalid(name, "\"" + name + "\" must be a string.");
    }
    return s.getString();
  }

  private static long number(JsonObject json, String name, long max) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return 0;
    }
    if (!(v instanceof JsonNumber n) || n.longValue() < 0 || n.longValue() > max) {
      throw invalid(name, "\"" + name + "\" must be a number from 0 to " + max + ".");
    }
    return n.longValue();
  }

  private static InvalidInputException invalid(String field, String detail) {
    return new InvalidInputException(Kind.INVALID, field, detail);
  }

  private static InvalidInputException unreadable(String field, String detail) {
    return new InvalidInputException(Kind.UNREADABLE, field, detail);
  }
}
