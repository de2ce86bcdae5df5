package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/**
 * What a local run starts with besides its project: the environment layer its Python needs (the
 * lesson's environment and, when the tier may install, the project's requirements, as one set)
 * and what the learner's session kept from earlier runs. After the run it renews the session.
 * Closing it lets go of what it holds.
 */
final class RunSetup implements AutoCloseable {
  private static final String REQUIREMENTS_FILE = "requirements.txt";

  private final LocalSessions sessions;
  private final RunSpec spec;
  private final boolean checkRequirements;
  private final LocalSessions.Session session;
  private final EnvironmentLayers.Layer layer;
  private boolean renewed;

  private RunSetup(LocalSessions sessions, RunSpec spec, boolean checkRequirements, LocalSessions.Session session,
      EnvironmentLayers.Layer layer) {
    this.sessions = sessions;
    this.spec = spec;
    this.checkRequirements = checkRequirements;
    this.session = session;
    this.layer = layer;
  }

  /**
   * Takes the learner's session and makes the layer ready, installing it if need be (progress to
   * {@code sink}, notes about a missing environment to {@code notices}).
   *
   * @throws InstallFailed when the requirements cannot be installed, or not in time
   */
  static RunSetup prepare(EnvironmentLayers environments, LocalSessions sessions, LocalEngineSettings settings,
      RunSpec spec, OutputSink sink, List<String> notices) throws InstallFailed, InterruptedException {
    String requirements = spec.files().stream().filter(f -> f.path().equals(REQUIREMENTS_FILE))
        .map(ProjectFile::content).findFirst().orElse(null);
    boolean installs = requirements != null && spec.install().allowed() && environments.installs();
    LocalSessions.Session session = keepsSession(spec) ? sessions.take(spec.owner()) : null;
    try {
      EnvironmentLayers.Layer layer =
          layerFor(environments, settings, spec, installs ? requirements : "", sink, notices);
      if (layer == null && session != null && session.layer() != null) {
        layer = session.layer().again(); // the packages installed earlier in the session
      }
      return new RunSetup(sessions, spec, requirements != null && !installs, session, layer);
    } catch (InstallFailed | InterruptedException | RuntimeException e) {
      sessions.putBack(spec.owner(), session);
      throw e;
    }
  }

  private static EnvironmentLayers.Layer layerFor(EnvironmentLayers environments, LocalEngineSettings settings,
      RunSpec spec, String projectRequirements, OutputSink sink, List<String> notices)
      throws InstallFailed, InterruptedException {
    String lesson = spec.environment().requirements();
    if (!lesson.isBlank() && !environments.installs()) {
      notices.add("This lesson's environment '" + spec.environment().name()
          + "' cannot be installed on Runlab's own sandbox (it has no wheelhouse); the run has only"
          + " the server's own packages.");
      lesson = "";
    }
    // The project's lines first, so the line numbers in messages are those of its requirements.txt.
    String wanted = lesson.isBlank() ? projectRequirements : projectRequirements + "\n" + lesson;
    RequirementLines lines = RequirementLines.parse(wanted);
    if (lines.isEmpty() && lines.problems().isEmpty()) {
      return null;
    }
    Duration limit = spec.install().allowed() && !projectRequirements.isBlank()
        ? spec.install().timeLimit() : settings.environmentBuildTime();
    return environments.ensure(wanted, limit, sink::progress);
  }

  /** Whether this run's learner keeps a session: a known owner and a tier with an idle time. */
  private static boolean keepsSession(RunSpec spec) {
    return !spec.owner().isEmpty() && spec.sessionIdle().toSeconds() > 0;
  }

  /** Whether requirements.txt is only checked against Debian's packages (nothing installs). */
  boolean checkRequirements() {
    return checkRequirements;
  }

  /** The layer to bind into the sandbox, or null. */
  Path layerDir() {
    return layer == null ? null : layer.dir();
  }

  /** The files the learner's session kept, to restore before the run. */
  Map<String, byte[]> keptFiles() {
    return session == null ? Map.of() : session.files();
  }

  /**
   * Keeps what the run left (the files it wrote in its work directory outside out/, within the
   * output file bounds, and its layer) as the learner's session, and says so on the result.
   */
  RunResult keep(SandboxProcess sandbox, RunResult result, LocalEngineSettings settings) throws IOException {
    if (!keepsSession(spec)) {
      return result;
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (var f : WorkFiles.collectWritten(sandbox.workDir(), spec.files(), settings.maxOutputFiles(),
        settings.maxOutputFileBytes(), settings.maxOutputTotalBytes()).files()) {
      if (!f.path().startsWith(WorkFiles.OUT + "/")) { // out/ holds this run's results, not state
        files.put(f.path(), f.content());
      }
    }
    sessions.keep(spec.owner(), files, layer == null ? null : layer.again(), spec.sessionIdle());
    renewed = true;
    return result.toBuilder().sessionKept(spec.sessionIdle()).build();
  }

  /** Lets go of the layer; the old session ends if renewed, else it is kept as it was. */
  @Override
  public void close() {
    if (layer != null) {
      layer.close();
    }
    if (renewed && session != null) {
      session.release();
    } else {
      sessions.putBack(spec.owner(), session);
    }
  }
}
