package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.Environment;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectValidator;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/**
 * The local engine: every run in a fresh one-shot bubblewrap sandbox (seccomp, uid 65534, its own
 * cgroup), taken from a warm pool when one is ready. If bubblewrap or cgroups are unusable it says
 * so through {@link #availability()} and refuses to run anything: never without a sandbox.
 */
public final class LocalEngine implements Engine, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalEngine.class.getName());
  private static final String REQUIREMENTS_FILE = "requirements.txt";
  private static final long SESSION_SWEEP_SECONDS = 5;

  private final LocalEngineSettings settings;
  private final ProjectValidator validator;
  private final ExecutorService io = Executors.newCachedThreadPool(daemon("runlab-local-io"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("runlab-local-timer"));
  private volatile Availability availability;
  private Cgroups cgroups;
  private SandboxAssets assets;
  private SandboxPython python;
  private WarmPool plainPool;
  private WarmPool scientificPool;
  private EnvironmentLayers environments;
  private final LocalSessions sessions = new LocalSessions();
  /** The sandboxes running a program now, with whose it is and since when. */
  private final java.util.Map<SandboxProcess, Running> running = new java.util.concurrent.ConcurrentHashMap<>();

  private record Running(String owner, java.time.Instant since) {}

  /** A run in progress on this engine, with its cgroup's figures (null when they cannot be read). */
  public record ActiveRun(String owner, java.time.Instant since, CgroupUsage usage) {}

  /** One warm pool: its kind, how many wait ready of how many it keeps, and why starts fail, if they do. */
  public record PoolState(String kind, int ready, int size, String failing) {}

  private LocalEngine(LocalEngineSettings settings) {
    this.settings = settings;
    this.validator = new ProjectValidator(settings.maxFiles(), settings.maxBytes());
  }

  /** Checks the host, sweeps leftovers, probes the sandbox's Python and starts the warm pools. */
  public static LocalEngine start(LocalEngineSettings settings) {
    LocalEngine engine = new LocalEngine(settings);
    try {
      engine.setUp();
      engine.availability = Availability.up();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "local engine unavailable: " + e.getMessage());
      engine.availability = Availability.down("Runlab's own sandbox is unavailable (" + e.getMessage() + ")");
    }
    return engine;
  }

  private void setUp() throws IOException {
    for (Path tool : List.of(settings.bwrap(), settings.setpriv(), settings.python())) {
      if (!Files.isExecutable(tool)) {
        throw new IOException(tool + " is missing (install the packages in bin/apt-packages.txt)");
      }
    }
    cgroups = Cgroups.detect(settings.cgroupRoot(), settings.cgroupParent());
    prepareWorkRoot();
    cgroups.sweep();
    assets = SandboxAssets.extract(settings.workRoot(), settings.python());
    python = SandboxPython.probe(startSandbox(settings.preloadModules()));
    SandboxPython.buildFontCache(startSandbox(List.of()), assets.fontCache());
    assets.fontCacheBuilt();
    environments = new EnvironmentLayers(settings, cgroups, assets, python.version());
    timer.scheduleAtFixedRate(sessions::expire, SESSION_SWEEP_SECONDS, SESSION_SWEEP_SECONDS,
        java.util.concurrent.TimeUnit.SECONDS);
    plainPool =
        new WarmPool(
            "plain",
            settings.plainPoolSize(),
            settings.refillThreads(),
            () -> startSandbox(List.of()));
    scientificPool =
        new WarmPool(
            "scientific",
            python.preloadable().isEmpty() ? 0 : settings.scientificPoolSize(),
            settings.refillThreads(),
            () -> startSandbox(python.preloadable()));
    LOG.info("local engine up: cgroup " + cgroups.version() + ", Python " + python.version()
        + ", preloading " + python.preloadable());
  }

  private void prepareWorkRoot() throws IOException {
    Path root = settings.workRoot();
    if (Files.isSymbolicLink(root)) {
      throw new IOException(root + " is a symbolic link; refusing to use it as the work root");
    }
    Files.createDirectories(root);
    if (!Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(0)
        && ProcessHandle.current().info().user().orElse("").equals("root")) {
      throw new IOException(root + " is not owned by root");
    }
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    try (Stream<Path> leftovers = Files.list(root)) {
      leftovers
          .filter(p -> p.getFileName().toString().startsWith(RunCgroup.PREFIX)
              || p.getFileName().toString().startsWith(SandboxAssets.PREFIX))
          .forEach(SandboxProcess::deleteTree);
    }
  }

  private SandboxProcess startSandbox(List<String> preload) throws IOException {
    return SandboxProcess.start(settings, cgroups, assets, preload, timer);
  }

  @Override
  public EngineId id() {
    return EngineId.LOCAL;
  }

  @Override
  public Availability availability() {
    if (availability.available()) {
      Optional<String> failing = plainPool.failing();
      if (failing.isPresent()) {
        return Availability.down("Runlab's own sandboxes fail to start (" + failing.get() + ")");
      }
    }
    return availability;
  }

  /** The cached environment layers (installed requirements); null while the engine is down. */
  public EnvironmentLayers environments() {
    return environments;
  }

  /** What {@link #prepare} made ready: the layer's hash and size. */
  public record PreparedEnvironment(String key, long bytes) {}

  /**
   * Builds (or finds cached) the layer of a lesson environment's requirements, so the lesson's
   * runs need no install of their own; for an admin's "build now".
   *
   * @throws InstallFailed with one message per bad requirement, or when building takes longer
   *     than {@code runlab.local.environment-build-seconds}
   * @throws IllegalStateException when the engine is down, no wheelhouse is configured, or the
   *     environment has no requirements
   */
  public PreparedEnvironment prepare(Environment environment, java.util.function.Consumer<String> progress)
      throws InstallFailed, InterruptedException {
    if (environments == null) {
      throw new IllegalStateException("Runlab's own sandbox is unavailable");
    }
    try (EnvironmentLayers.Layer layer =
        environments.ensure(environment.requirements(), settings.environmentBuildTime(), progress)) {
      return new PreparedEnvironment(layer.key(), layer.bytes());
    }
  }

  @Override
  public boolean installsRequirements() {
    return environments != null && environments.installs();
  }

  /** "v1" or "v2" once started, for health. */
  public Optional<String> cgroupVersion() {
    return Optional.ofNullable(cgroups).map(Cgroups::version);
  }

  /** Ready sandboxes in the plain and scientific pools, for health and benchmarks. */
  public WarmSandboxes warmSandboxes() {
    return plainPool == null
        ? new WarmSandboxes(0, 0)
        : new WarmSandboxes(plainPool.readyCount(), scientificPool.readyCount());
  }

  /** The runs in progress now, each with its cgroup's memory, peak, CPU time and tasks. */
  public List<ActiveRun> activeRuns() {
    List<ActiveRun> list = new ArrayList<>();
    running.forEach((sandbox, r) -> {
      CgroupUsage usage;
      try {
        usage = sandbox.cgroup().usage();
      } catch (RuntimeException gone) {
        usage = null;
      }
      list.add(new ActiveRun(r.owner(), r.since(), usage));
    });
    return list;
  }

  /** The warm pools: plain and scientific. */
  public List<PoolState> pools() {
    if (plainPool == null) {
      return List.of();
    }
    return List.of(
        new PoolState("plain", plainPool.readyCount(), settings.plainPoolSize(), plainPool.failing().orElse(null)),
        new PoolState("scientific", scientificPool.readyCount(),
            python.preloadable().isEmpty() ? 0 : settings.scientificPoolSize(), scientificPool.failing().orElse(null)));
  }

  /** How many pre-started sandboxes wait in each pool. */
  public record WarmSandboxes(int plain, int scientific) {}

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    return run(spec, sink, cancellation, ProgramInput.none());
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation, ProgramInput input) {
    Optional<String> refusal = validator.refusal(spec.files(), spec.entry());
    if (refusal.isPresent()) {
      return RunResult.refused(EngineId.LOCAL, refusal.get());
    }
    Availability now = availability();
    if (!now.available()) {
      LOG.warning("local run refused: " + now.reason());
      return RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox cannot take runs right now");
    }
    if (cancellation.isCancelled()) {
      return cancelled();
    }
    List<String> notices = new ArrayList<>(python.shadowWarnings(spec.files()));
    Optional<String> requirements = spec.files().stream()
        .filter(f -> f.path().equals(REQUIREMENTS_FILE)).map(ProjectFile::content).findFirst();
    boolean installs = requirements.isPresent() && spec.install().allowed() && environments.installs();
    boolean checkRequirements = requirements.isPresent() && !installs;
    LocalSessions.Session session = keepsSession(spec) ? sessions.take(spec.owner()) : null;
    boolean sessionRenewed = false;
    EnvironmentLayers.Layer layer;
    try {
      layer = layerFor(spec, installs ? requirements.get() : "", sink, notices);
      if (layer == null && session != null && session.layer() != null) {
        layer = session.layer().again(); // the packages installed earlier in the session
      }
    } catch (InstallFailed failed) {
      sessions.putBack(spec.owner(), session);
      List<String> all = new ArrayList<>(notices);
      all.addAll(failed.problems());
      return RunResult.builder(EngineId.LOCAL, failed.timedOut() ? Verdict.TIME_LIMIT : Verdict.REFUSED)
          .notices(all).build();
    } catch (InterruptedException e) {
      sessions.putBack(spec.owner(), session);
      Thread.currentThread().interrupt();
      return cancelled();
    } catch (RuntimeException e) {
      sessions.putBack(spec.owner(), session);
      LOG.log(Level.WARNING, "environment layer failed", e);
      return RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox could not install the requirements");
    }
    if (cancellation.isCancelled()) {
      closeQuietly(layer);
      sessions.putBack(spec.owner(), session);
      return cancelled();
    }
    Map<String, byte[]> kept = session == null ? Map.of() : session.files();
    Path layerDir = layer == null ? null : layer.dir();
    SandboxProcess sandbox = null;
    try {
      sandbox = layerDir != null
          ? SandboxProcess.launch(settings, cgroups, assets, List.of(), layerDir) : take(spec.files());
      running.put(sandbox, new Running(spec.owner(), java.time.Instant.now()));
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      SandboxRun job = new SandboxRun(settings, io, timer);
      RunResult result;
      try {
        result = job.run(sandbox, spec, sink, cancellation, notices, checkRequirements, input, kept);
      } catch (SandboxRun.MemoryTooSmall preloadTooBig) {
        // A preloaded sandbox holds more than this run may use; a bare one may still fit.
        discard(sandbox);
        sandbox = SandboxProcess.launch(settings, cgroups, assets, List.of(), layerDir);
        result = job.run(sandbox, spec, sink, cancellation, notices, checkRequirements, input, kept);
      }
      if (!keepsSession(spec) || result.verdict() == Verdict.CANCELLED || result.verdict() == Verdict.REFUSED) {
        return result;
      }
      keepSession(spec, sandbox, layer);
      sessionRenewed = true;
      return result.toBuilder().sessionKeptSeconds(spec.sessionIdle().toSeconds()).build();
    } catch (SandboxRun.MemoryTooSmall tooSmall) {
      notices.add("Python needs more memory than this run may use: " + tooSmall.getMessage());
      return RunResult.memoryLimit(EngineId.LOCAL, notices);
    } catch (IOException | RuntimeException e) {
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      LOG.log(Level.WARNING, "local run failed", e);
      return RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cancelled();
    } finally {
      if (sandbox != null) {
        running.remove(sandbox);
        discard(sandbox);
      }
      closeQuietly(layer);
      if (sessionRenewed && session != null) {
        session.release();
      } else {
        sessions.putBack(spec.owner(), session);
      }
    }
  }

  /** Whether this run's learner keeps a session: a known owner and a tier with an idle time. */
  private static boolean keepsSession(RunSpec spec) {
    return !spec.owner().isEmpty() && spec.sessionIdle().toSeconds() > 0;
  }

  /**
   * Keeps what the run left (the files it wrote anywhere in its work directory, within the output
   * file bounds, and its environment layer) as the learner's session for their next run.
   */
  private void keepSession(RunSpec spec, SandboxProcess sandbox, EnvironmentLayers.Layer layer)
      throws IOException {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (var f : WorkFiles.collectWritten(sandbox.workDir(), spec.files(), settings.maxOutputFiles(),
        settings.maxOutputFileBytes(), settings.maxOutputTotalBytes()).files()) {
      files.put(f.path(), f.content());
    }
    sessions.keep(spec.owner(), files, layer == null ? null : layer.again(), spec.sessionIdle());
  }

  /** How many learners keep a session on this engine now. */
  public int sessionCount() {
    return sessions.count();
  }

  /**
   * The layer this run's Python needs: the lesson environment's requirements and, when the tier
   * may install, the project's own, as one set; null when there are none (or no wheelhouse, in
   * which case a lesson environment is missing and the run is told).
   */
  private EnvironmentLayers.Layer layerFor(RunSpec spec, String projectRequirements, OutputSink sink,
      List<String> notices) throws InstallFailed, InterruptedException {
    String lesson = spec.environment().requirements();
    if (!lesson.isBlank() && !environments.installs()) {
      notices.add("This lesson's environment '" + spec.environment().name()
          + "' cannot be installed on Runlab's own sandbox (it has no wheelhouse); the run has only"
          + " the server's own packages.");
      lesson = "";
    }
    String wanted = lesson.isBlank() ? projectRequirements : lesson + "\n" + projectRequirements;
    RequirementLines lines = RequirementLines.parse(wanted);
    if (lines.isEmpty() && lines.problems().isEmpty()) {
      return null;
    }
    Duration limit = spec.install().allowed() && !projectRequirements.isBlank()
        ? spec.install().timeLimit() : settings.environmentBuildTime();
    return environments.ensure(wanted, limit, sink::progress);
  }

  private static void closeQuietly(AutoCloseable held) {
    if (held != null) {
      try {
        held.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "could not release", e);
      }
    }
  }

  /** Kills what still runs at once; the sweep of files and cgroup happens in the background. */
  private void discard(SandboxProcess sandbox) {
    // When bwrap has exited its PID namespace is gone; the cgroup sweep can then wait.
    if (sandbox.isAlive()) {
      sandbox.kill();
    }
    try {
      io.execute(sandbox::close);
    } catch (RejectedExecutionException engineClosing) {
      sandbox.close();
    }
  }

  private SandboxProcess take(List<ProjectFile> files) throws IOException {
    boolean scientific =
        SandboxPython.imports(files).stream().anyMatch(settings.scientificModules()::contains);
    SandboxProcess warm = scientific ? scientificPool.take() : null;
    if (warm == null) {
      warm = plainPool.take();
    }
    return warm != null ? warm : SandboxProcess.launch(settings, cgroups, assets, List.of());
  }

  private static RunResult cancelled() {
    return RunResult.cancelled(EngineId.LOCAL, null);
  }

  /** Stops the pools, kills every sandbox and removes the engine's files and cgroups. */
  @Override
  public void close() {
    availability = Availability.down("local engine stopped");
    for (WarmPool pool : new WarmPool[] {plainPool, scientificPool}) {
      if (pool != null) {
        pool.close();
      }
    }
    io.shutdown();
    timer.shutdownNow();
    sessions.close();
    if (environments != null) {
      environments.close();
    }
    if (cgroups != null) {
      cgroups.removeParent();
    }
    if (assets != null) {
      SandboxProcess.deleteTree(assets.dir());
      try {
        Files.deleteIfExists(settings.workRoot());
      } catch (IOException stillInUse) {
        // another engine's files, or a run being torn down
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
