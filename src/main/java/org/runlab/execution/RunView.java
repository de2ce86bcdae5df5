package org.runlab.execution;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.runlab.engine.EngineId;
import org.runlab.engine.OutputFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;
import org.runlab.engine.selection.Reason;
import org.runlab.platform.JsonFactory;

/** A run as the API shows it: its state and, once finished, its result. */
public record RunView(
    UUID id,
    String engine,
    RunState state,
    Verdict verdict,
    Integer exitCode,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    long wallTimeMs,
    long cpuTimeMs,
    long peakMemoryBytes,
    List<OutputFile> files,
    List<Reason> reasons,
    List<String> notices,
    String verdictText,
    long sessionKeptSeconds) {

  /** A view without a kept server session. */
  public RunView(UUID id, String engine, RunState state, Verdict verdict, Integer exitCode, String stdout,
      String stderr, boolean stdoutTruncated, boolean stderrTruncated, long wallTimeMs, long cpuTimeMs,
      long peakMemoryBytes, List<OutputFile> files, List<Reason> reasons, List<String> notices,
      String verdictText) {
    this(id, engine, state, verdict, exitCode, stdout, stderr, stdoutTruncated, stderrTruncated, wallTimeMs,
        cpuTimeMs, peakMemoryBytes, files, reasons, notices, verdictText, 0);
  }

  static RunView of(UUID id, RunResult r, List<Reason> reasons, String verdictText) {
    return new RunView(id, r.engine().id(), RunState.FINISHED, r.verdict(), r.exitCode(), r.stdout(),
        r.stderr(), r.stdoutTruncated(), r.stderrTruncated(), r.wallTimeMs(), r.cpuTimeMs(),
        r.peakMemoryBytes(), r.files(), reasons, r.notices(), verdictText, r.sessionKeptSeconds());
  }

  static RunView of(RunRecord r) {
    return new RunView(r.getId(), r.getEngine(), r.getState(), r.getVerdict(), r.getExitCode(),
        r.getStdout(), r.getStderr(), r.isStdoutTruncated(), r.isStderrTruncated(),
        r.getWallTimeMs(), r.getCpuTimeMs(), r.getPeakMemoryBytes(), List.of(),
        Reasons.fromJson(r.getReasons()), JsonLists.strings(r.getNotices()), r.getVerdictText());
  }

  public static RunView pending(LiveRun run) {
    return new RunView(run.id(), run.engine().id(), run.state(), null, null, null, null, false, false,
        0, 0, 0, List.of(), run.reasons(), List.of(), null);
  }

  /** A run that went nowhere (refused, or no engine could take it), with why. */
  static RunView nowhere(UUID id, String engine, List<Reason> reasons, List<String> notices) {
    return new RunView(id, engine, RunState.FINISHED, Verdict.REFUSED, null, "", "", false, false, 0, 0, 0,
        List.of(), reasons, notices, null);
  }

  /** A run handed to the page's Pyodide, awaiting its report. */
  static RunView inBrowser(UUID id, List<Reason> reasons) {
    return new RunView(id, EngineId.BROWSER.id(), RunState.BROWSER, null, null, null, null, false, false,
        0, 0, 0, List.of(), reasons, List.of(), null);
  }

  public JsonObject toJson() {
    JsonObjectBuilder b =
        JsonFactory.JSON.createObjectBuilder()
            .add("id", id.toString())
            .add("engine", engine)
            .add("state", state.name());
    if (verdict != null) {
      b.add("verdict", verdict.name());
      b.add("verdictText", verdictText != null ? verdictText : VerdictWords.of(verdict, exitCode, null));
    }
    if (exitCode != null) {
      b.add("exitCode", exitCode);
    } else {
      b.addNull("exitCode");
    }
    if (state == RunState.FINISHED) {
      b.add("stdout", stdout == null ? "" : stdout)
          .add("stderr", stderr == null ? "" : stderr)
          .add("stdoutTruncated", stdoutTruncated)
          .add("stderrTruncated", stderrTruncated)
          .add("wallTimeMs", wallTimeMs)
          .add("cpuTimeMs", cpuTimeMs)
          .add("peakMemoryBytes", peakMemoryBytes)
          .add("sessionKeptSeconds", sessionKeptSeconds);
    }
    JsonArrayBuilder fs = JsonFactory.JSON.createArrayBuilder();
    for (OutputFile f : files) {
      fs.add(JsonFactory.JSON.createObjectBuilder()
          .add("path", f.path())
          .add("mediaType", f.mediaType())
          .add("bytes", f.content().length)
          .add("base64", Base64.getEncoder().encodeToString(f.content())));
    }
    b.add("files", fs);
    b.add("reasons", Reasons.array(reasons));
    JsonArrayBuilder ns = JsonFactory.JSON.createArrayBuilder();
    notices.forEach(ns::add);
    b.add("notices", ns);
    return b.build();
  }
}
