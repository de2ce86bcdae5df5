package org.runlab.execution;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectLimits;
import org.runlab.engine.ProjectValidator;
import org.runlab.platform.JsonFactory;
import org.runlab.platform.errors.InvalidInputException.Kind;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Reads a {@code POST /api/runs} body strictly: size first, then UTF-8, then JSON, then every
 * field, refusing with a problem that names the field (413 for too big, 400 for unreadable, 422
 * for well-formed but wrong).
 */
public final class RunRequestReader {
  private final ProjectLimits limits;
  private final ProjectValidator validator;

  public RunRequestReader(ProjectLimits limits) {
    this.limits = limits;
    this.validator = limits.validator();
  }

  public RunRequest read(InputStream body) {
    return parse(decode(readBounded(body)));
  }

  private byte[] readBounded(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(limits.maxRequestBytes() + 1);
      if (bytes.length > limits.maxRequestBytes()) {
        throw new InvalidInputException(Kind.TOO_LARGE, null,
                "The request is larger than " + limits.maxRequestBytes() + " bytes.");
      }
      return bytes;
    } catch (IOException e) {
      throw new InvalidInputException(Kind.UNREADABLE, null, "The request body could not be read.");
    }
  }

  private static String decode(byte[] bytes) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is not valid UTF-8 text.");
    }
  }

  RunRequest parse(String text) {
    if (text.isBlank()) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is empty; send a JSON object.");
    }
    JsonObject json;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body must be a JSON object.");
      }
      json = value.asJsonObject();
    } catch (JsonParsingException e) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is not valid JSON: " + e.getMessage());
    } catch (JsonException e) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is not valid JSON.");
    }
    List<ProjectFile> files = files(json);
    String entry = optionalString(json, "entry")
        .orElseThrow(() -> invalid("entry", "Name the file to run in \"entry\" (for example \"main.py\")."));
    String stdin = optionalString(json, "stdin").orElse("");
    if (stdin.getBytes(StandardCharsets.UTF_8).length > limits.maxStdinBytes()) {
      throw new InvalidInputException(Kind.TOO_LARGE, "stdin", "The input (stdin) is larger than " + limits.maxStdinBytes() + " bytes.");
    }
    requireText("stdin", stdin);
    String lesson = optionalString(json, "lessonId").orElse(null);
    if (lesson != null && (lesson.length() > 80 || lesson.isBlank())) {
      throw invalid("lessonId", "\"lessonId\" must be a lesson's identifier of at most 80 characters.");
    }
    String engine = optionalString(json, "engine").orElse("auto").strip().toLowerCase(Locale.ROOT);
    if (!RunRequest.ENGINES.contains(engine)) {
      throw invalid("engine", "Unknown engine '" + printable(engine) + "': choose auto, browser, local or e2b.");
    }
    boolean wait = optionalBoolean(json, "wait");
    boolean browserUnavailable = optionalBoolean(json, "browserUnavailable");
    boolean interactive = optionalBoolean(json, "interactive");
    checkProject(files, entry);
    return new RunRequest(files, entry, stdin, lesson, engine, wait, browserUnavailable, interactive);
  }

  /**
   * Reads what the learner sends to a running program ({@code POST /api/runs/{id}/stdin}):
   * {@code {"text": "..."}} as it is, {@code {"line": "..."}} with a newline added, and
   * {@code {"eof": true}} to end the input; at most {@code maxBytes} of text.
   */
  public InputSend readInput(InputStream body, int maxBytes) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(maxBytes * 6 + 1024);
      if (body.read() != -1) {
        throw new InvalidInputException(Kind.TOO_LARGE, "text",
            "At most " + maxBytes + " bytes of input can be sent at once.");
      }
    } catch (IOException e) {
      throw new InvalidInputException(Kind.UNREADABLE, null, "The request body could not be read.");
    }
    String raw = decode(bytes);
    if (raw.isBlank()) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is empty; send a JSON object.");
    }
    JsonObject json;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(raw))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body must be a JSON object.");
      }
      json = value.asJsonObject();
    } catch (JsonException e) {
      throw new InvalidInputException(Kind.UNREADABLE, "body", "The request body is not valid JSON.");
    }
    boolean eof = optionalBoolean(json, "eof");
    Optional<String> text = optionalString(json, "text");
    Optional<String> line = optionalString(json, "line");
    if (text.isPresent() && line.isPresent()) {
      throw invalid("text", "Send either \"text\" or \"line\", not both.");
    }
    String sent = text.orElse(line.map(l -> l + "\n").orElse(""));
    if (sent.isEmpty() && !eof) {
      throw invalid("text", "Send the input as \"text\" (or \"line\"), or {\"eof\": true} to end it.");
    }
    requireText(line.isPresent() ? "line" : "text", sent);
    if (sent.indexOf('\0') >= 0) {
      throw invalid(line.isPresent() ? "line" : "text", "The input contains a NUL character.");
    }
    int size = sent.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      throw new InvalidInputException(Kind.TOO_LARGE, line.isPresent() ? "line" : "text",
          "At most " + maxBytes + " bytes of input can be sent at once; this was " + size + ".");
    }
    return new InputSend(sent, eof);
  }

  /** Input for a running program, and whether it ends the input after it. */
  public record InputSend(String text, boolean eof) {}

  private List<ProjectFile> files(JsonObject json) {
    JsonValue value = json.get("files");
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw invalid("files", "Send the program as \"files\": a list of {\"path\", \"content\"} objects.");
    }
    JsonArray array = value.asJsonArray();
    if (array.isEmpty()) {
      throw invalid("files", "The project has no files.");
    }
    if (array.size() > limits.maxFiles()) {
      throw new InvalidInputException(Kind.TOO_LARGE, "files",
          "The project has " + array.size() + " files; at most " + limits.maxFiles() + " are allowed.");
    }
    List<ProjectFile> files = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String field = "files[" + i + "]";
      if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        throw invalid(field, "Each file must be an object with \"path\" and \"content\".");
      }
      JsonObject f = array.get(i).asJsonObject();
      String path = optionalString(f, "path").orElseThrow(() -> invalid(field + ".path", "A file has no \"path\"."));
      String content =
          optionalString(f, "content")
              .orElseThrow(() -> invalid(field + ".content", "File '" + printable(path) + "' has no \"content\"."));
      requireText(field + ".path", path);
      requireText(field + ".content", content);
      if (content.indexOf('\0') >= 0) {
        throw invalid(field + ".content", "File '" + printable(path) + "' contains a NUL character; only text files can be run.");
      }
      files.add(new ProjectFile(path, content));
    }
    return files;
  }

  private void checkProject(List<ProjectFile> files, String entry) {
    long bytes = files.stream().mapToLong(f -> f.content().getBytes(StandardCharsets.UTF_8).length).sum();
    if (bytes > limits.maxBytes()) {
      throw new InvalidInputException(Kind.TOO_LARGE, "files",
          "The project is " + bytes + " bytes; at most " + limits.maxBytes() + " are allowed.");
    }
    validator.refusal(files, entry).ifPresent(reason -> {
      String field = reason.startsWith("The entry file") ? "entry" : "files";
      throw invalid(field, reason);
    });
  }

  /** Text that came in as JSON escapes may hold lone surrogates, which are not valid UTF-8. */
  private static void requireText(String field, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(field, "\"" + field + "\" is not valid UTF-8 text (it holds a lone surrogate).");
      }
    }
  }

  private static Optional<String> optionalString(JsonObject json, String name) {
    JsonValue v = json.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw invalid(name, "\"" + name + "\" must be a string.");
    }
    return Optional.of(((JsonString) v).getString());
  }

  private static boolean optionalBoolean(JsonObject json, String name) {
    JsonValue v = json.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
      throw invalid(name, "\"" + name + "\" must be true or false.");
    }
    return v == JsonValue.TRUE;
  }

  private static InvalidInputException invalid(String field, String detail) {
    return new InvalidInputException(Kind.INVALID, field, detail);
  }

  private static String printable(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    StringBuilder out = new StringBuilder();
    cut.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
