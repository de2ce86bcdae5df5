package org.runlab.engine;

import java.util.Objects;

/** One learner file: a relative path and its UTF-8 text. */
public record ProjectFile(String path, String content) {
  public ProjectFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
  }
}
