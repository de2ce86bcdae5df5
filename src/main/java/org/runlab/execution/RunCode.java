package org.runlab.execution;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.JsonFactory;

/** A project some run ran, stored once by the hash of its files and entry. Never changed. */
@Entity
@Table(name = "run_code")
public class RunCode {
  @Id
  @Column(length = 64)
  private String hash;

  @Column(nullable = false, length = 255)
  private String entry;

  @Column(nullable = false)
  private String files;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected RunCode() {}

  RunCode(List<ProjectFile> files, String entry) {
    this.files = toFilesJson(files);
    this.entry = entry;
    this.hash = hashOf(this.files, entry);
    this.createdAt = OffsetDateTime.now();
  }

  public String hash() {
    return hash;
  }

  public String entry() {
    return entry;
  }

  public List<ProjectFile> files() {
    try (JsonReader r = JsonFactory.JSON.createReader(new StringReader(files))) {
      return r.readArray().getValuesAs(JsonObject.class).stream()
          .map(o -> new ProjectFile(o.getString("path"), o.getString("content"))).toList();
    }
  }

  /** {@code {"entry", "files":[{"path","content"}]}}, as the lesson page loads a project. */
  public JsonObject toJson() {
    JsonArrayBuilder fs = JsonFactory.JSON.createArrayBuilder();
    files().forEach(f -> fs.add(JsonFactory.JSON.createObjectBuilder().add("path", f.path()).add("content", f.content())));
    return JsonFactory.JSON.createObjectBuilder().add("entry", entry).add("files", fs).build();
  }

  String filesJson() {
    return files;
  }

  static String toFilesJson(List<ProjectFile> files) {
    JsonArrayBuilder fs = JsonFactory.JSON.createArrayBuilder();
    files.forEach(f -> fs.add(JsonFactory.JSON.createObjectBuilder().add("path", f.path()).add("content", f.content())));
    return fs.build().toString();
  }

  static String hashOf(String filesJson, String entry) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(entry.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(filesJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
