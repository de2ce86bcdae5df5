package org.runlab.workspace;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.runlab.engine.ProjectFile;

/** A lesson's files as the learner has them, and the file that runs first. */
public record Workspace(List<ProjectFile> files, String entry) {
  public Workspace {
    files = List.copyOf(files);
  }

  /** All files' UTF-8 bytes together. */
  public long bytes() {
    long total = 0;
    for (ProjectFile f : files) {
      total += f.content().getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }

  public static JsonArray filesToJson(List<ProjectFile> files) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (ProjectFile f : files) {
      a.add(Json.createObjectBuilder().add("path", f.path()).add("content", f.content()));
    }
    return a.build();
  }

  static List<ProjectFile> filesFromJson(String json) {
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      List<ProjectFile> out = new ArrayList<>();
      for (var v : r.readArray()) {
        JsonObject o = v.asJsonObject();
        out.add(new ProjectFile(o.getString("path"), o.getString("content")));
      }
      return out;
    }
  }
}
