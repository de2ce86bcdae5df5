package org.runlab.execution;

import java.util.List;
import org.runlab.engine.ProjectFile;

/**
 * A request to run a program, as {@code POST /api/runs} received it, already checked for shape.
 *
 * @param engine "auto", "browser", "local" or "e2b"
 * @param lessonId the lesson's slug, or null
 * @param waitForResult whether the caller wants the finished result in the answer
 * @param browserUnavailable the page says Python cannot run in this browser (Pyodide failed to
 *     load, or the page is not cross-origin isolated), so a browser decision must go to a server
 * @param interactive the learner may send more input while the program runs ({@code POST
 *     /api/runs/{id}/stdin}); otherwise its input ends after {@code stdin}
 */
public record RunRequest(
    List<ProjectFile> files, String entry, String stdin, String lessonId, String engine, boolean waitForResult,
    boolean browserUnavailable, boolean interactive) {
  public static final List<String> ENGINES = List.of("auto", "browser", "local", "e2b");

  public RunRequest {
    files = List.copyOf(files);
    stdin = stdin == null ? "" : stdin;
    engine = engine == null ? "auto" : engine;
  }

  public RunRequest(List<ProjectFile> files, String entry, String stdin, String lessonId, String engine,
      boolean waitForResult, boolean browserUnavailable) {
    this(files, entry, stdin, lessonId, engine, waitForResult, browserUnavailable, false);
  }

  public long codeBytes() {
    return files.stream()
        .mapToLong(f -> f.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .sum();
  }
}
