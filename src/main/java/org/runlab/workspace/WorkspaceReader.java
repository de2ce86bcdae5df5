package org.runlab.workspace;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectLimits;
import org.runlab.engine.ProjectValidator;
import org.runlab.platform.errors.InvalidInputException.Kind;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Reads a snapshot body ({@code {"files":[{"path","content"}],"entry","reason"}}) strictly and
 * checks the files under the same rules as a run, answering with a problem that names the field.
 */
public final class WorkspaceReader {
  private final int maxFiles;
  private final long maxBytes;
  private final int maxRequestBytes;

  public WorkspaceReader(ProjectLimits limits) {
    this.maxFiles = limits.maxFiles();
    this.maxBytes = limits.maxBytes();
    this.maxRequestBytes = limits.maxRequestBytes();
  }

  /** The body as JSON, refusing oversize, non-UTF-8 and non-object bodies. */
  public JsonObject object(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(maxRequestBytes + 1);
    } catch (IOException e) {
      throw new InvalidInputException(Kind.UNREADABLE, null, "The request body could not be read.");
    }
    if (bytes.length > maxRequestBytes) {
      throw new InvalidInputException(Kind.TOO_LARGE, null,
          "The request is larger than " + maxRequestBytes + " bytes.");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw unreadable("body", "The request body is not valid UTF-8 text.");
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonValue v = reader.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw unreadable("body", "The request body must be a JSON object.");
      }
      return v.asJsonObject();
    } catch (JsonException e) {
      throw unreadable("body", "The request body is not valid JSON.");
    }
  }

  /** The files and entry of {@code json}, valid under the run rules. */
  public Workspace workspace(JsonObject json) {
    JsonValue value = json.get("files");
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw invalid("files", "Send the files as \"files\": a list of {\"path\", \"content\"} objects.");
    }
    List<ProjectFile> files = new ArrayList<>();
    int i = 0;
    for (JsonValue item : value.asJsonArray()) {
      if (item.getValueType() != JsonValue.ValueType.OBJECT
          || !(item.asJsonObject().get("path") instanceof JsonString path)
          || !(item.asJsonObject().get("content") instanceof JsonString content)) {
        throw invalid("files[" + i + "]", "Each file needs a \"path\" and a \"content\", both strings.");
      }
      files.add(new ProjectFile(path.getString(), content.getString()));
      i++;
    }
    if (!(json.get("entry") instanceof JsonString entry)) {
      throw invalid("entry", "Name the file that runs first in \"entry\" (for example \"main.py\").");
    }
    new ProjectValidator(maxFiles, maxBytes).refusal(files, entry.getString())
        .ifPresent(why -> { throw invalid("files", why); });
    return new Workspace(files, entry.getString());
  }

  /** The reason of a page save: AUTO (the default) or RUN. */
  public SnapshotReason pageReason(JsonObject json) {
    String raw = json.get("reason") instanceof JsonString s ? s.getString() : "AUTO";
    try {
      SnapshotReason reason = SnapshotReason.valueOf(raw.strip().toUpperCase(Locale.ROOT));
      if (reason.isPageSave()) {
        return reason;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw invalid("reason", "\"reason\" must be AUTO or RUN.");
  }

  private static InvalidInputException invalid(String field, String detail) {
    return new InvalidInputException(Kind.INVALID, field, detail);
  }

  private static InvalidInputException unreadable(String field, String detail) {
    return new InvalidInputException(Kind.UNREADABLE, field, detail);
  }
}
