package org.runlab.web.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.runlab.execution.RunRecord;
import org.runlab.execution.VerdictWords;
import org.runlab.platform.JsonFactory;

/** A past run as the lesson page's Runs panel lists it: when, where, how it ended, its first lines. */
final class RunSummaries {
  private static final int FIRST_LINES = 3;
  private static final int FIRST_CHARS = 300;

  private RunSummaries() {}

  static JsonObject of(RunRecord r) {
    JsonObjectBuilder b = JsonFactory.JSON.createObjectBuilder()
        .add("id", r.getId().toString())
        .add("created", r.getCreatedAt().toInstant().toString())
        .add("engine", r.getEngine())
        .add("state", r.getState().name())
        .add("wallTimeMs", r.getWallTimeMs())
        .add("codeKept", r.getCodeHash() != null)
        .add("firstLines", firstLines(r.getStdout(), r.getStderr()));
    if (r.getLessonSlug() != null) {
      b.add("lessonId", r.getLessonSlug());
    }
    if (r.getVerdict() != null) {
      b.add("verdict", r.getVerdict().name());
      b.add("verdictText", r.getVerdictText() != null ? r.getVerdictText()
          : VerdictWords.of(r.getVerdict(), r.getExitCode(), null));
    }
    return b.build();
  }

  /** The first few lines the program printed (its output, else its errors). */
  static String firstLines(String stdout, String stderr) {
    String text = (stdout != null && !stdout.isBlank() ? stdout : stderr == null ? "" : stderr).stripTrailing();
    String[] lines = text.split("\n", FIRST_LINES + 1);
    String first = String.join("\n", java.util.Arrays.asList(lines).subList(0, Math.min(FIRST_LINES, lines.length)));
    return first.length() > FIRST_CHARS ? first.substring(0, FIRST_CHARS) + "..." : first;
  }
}
