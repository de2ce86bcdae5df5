package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * cgroup), taken from a warm pool when one is ready. If bubblewrap or cgroups are unusable, or the
 * work root is full or read-only, it says so through {@link #availability()} and refuses to run
 * anything: never without a sandbox. A {@link Healer} repairs what it can and brings it back.
 *
 * <p>Several instances may share a host and its work root: each works only in its own {@link
 * InstanceClaim} directory and cgroup, and at start sweeps only what dead instances left.
 */
public final class LocalEngine implements Engine, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalEngine.class.getName());
  private static final long SESSION_SWEEP_SECONDS = 5;

  private final LocalEngineSettings settings;
  private final ProjectValidator validator;
  private final ExecutorService io = Executors.newCachedThreadPool(daemon("runlab-local-io"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("runlab-local-timer"));
  private final EngineSetup setup;
  private volatile boolean closed;
  private Healer healer;
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
    this.setup = new EngineSetup(settings, timer);
  }

  /**
   * Checks the host, claims this instance's place, sweeps what dead instances left, probes the
   * sandbox's Python and starts the warm pools; whatever fails is retried by the healer.
   */
  public static LocalEngine start(LocalEngineSettings settings) {
    LocalEngine engine = new LocalEngine(settings);
    engine.setup.trySetup();
    engine.timer.scheduleAtFixedRate(engine.sessions::expire, SESSION_SWEEP_SECONDS, SESSION_SWEEP_SECONDS,
        java.util.concurrent.TimeUnit.SECONDS);
    engine.healer = new Healer(engine.setup, settings.checkEvery(), settings.repairAtMost(),
        engine.setup.trouble().orElse(null));
    return engine;
  }

  /** What keeps the engine from taking runs now: what the healer found, or a pool failing since. */
  private Optional<Trouble> trouble() {
    if (closed) {
      return Optional.of(new Trouble("is stopped", ""));
    }
    Optional<Trouble> found = healer == null ? setup.setupTrouble() : healer.trouble();
    return found.isPresent() ? found : setup.poolTrouble();
  }

  @Override
  public EngineId id() {
    return EngineId.LOCAL;
  }

  @Override
  public Availability availability() {
    return trouble().map(t -> Availability.down(t.reason())).orElse(Availability.up());
  }

  /** This instance's name on the host (its directory under the work root, its cgroup). */
  public String instance() {
    return settings.instance();
  }

  /** The cached environment layers (installed requirements); null while the engine is down. */
  public EnvironmentLayers environments() {
    return setup.environments();
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
    EnvironmentLayers environments = setup.environments();
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
    EnvironmentLayers environments = setup.environments();
    return environments != null && environments.installs();
  }

  /** "v1" or "v2" once started, for health. */
  public Optional<String> cgroupVersion() {
    return Optional.ofNullable(setup.cgroups()).map(Cgroups::version);
  }

  /** Ready sandboxes in the plain and scientific pools, for health and benchmarks. */
  public WarmSandboxes warmSandboxes() {
    WarmPool plainPool = setup.plainPool();
    WarmPool scientificPool = setup.scientificPool();
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
    WarmPool plainPool = setup.plainPool();
    WarmPool scientificPool = setup.scientificPool();
    SandboxPython python = setup.python();
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
    Optional<Trouble> down = trouble();
    if (down.isEmpty()) {
      down = setup.lostFiles();
      down.ifPresent(healer::report);
    }
    if (down.isPresent()) {
      // The healer has logged the cause once; a log line per refused run would drown it.
      return RunResult.engineError(EngineId.LOCAL, down.get().forLearner());
    }
    if (cancellation.isCancelled()) {
      return cancelled();
    }
    List<String> notices = new ArrayList<>(setup.python().shadowWarnings(spec.files()));
    RunSetup prepared;
    try {
      prepared = RunSetup.prepare(setup.environments(), sessions, settings, spec, sink, notices);
    } catch (InstallFailed failed) {
      List<String> all = new ArrayList<>(notices);
      all.addAll(failed.problems());
      return RunResult.builder(EngineId.LOCAL, failed.timedOut() ? Verdict.TIME_LIMIT : Verdict.REFUSED)
          .notices(all).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cancelled();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "environment layer failed", e);
      return RunResult.engineError(EngineId.LOCAL, "Runlab's own sandbox could not install the requirements");
    }
    SandboxProcess sandbox = null;
    try (prepared) {
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      Path layerDir = prepared.layerDir();
      sandbox = layerDir != null ? launchCold(layerDir) : take(spec.files());
      running.put(sandbox, new Running(spec.owner(), java.time.Instant.now()));
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      SandboxRun job = new SandboxRun(settings, io, timer);
      RunResult result;
      try {
        result = job.run(sandbox, spec, sink, cancellation, notices, prepared.checkRequirements(), input,
            prepared.keptFiles());
      } catch (SandboxRun.MemoryTooSmall preloadTooBig) {
        // A preloaded sandbox holds more than this run may use; a bare one may still fit.
        discard(sandbox);
        sandbox = launchCold(layerDir);
        result = job.run(sandbox, spec, sink, cancellation, notices, prepared.checkRequirements(), input,
            prepared.keptFiles());
      }
      boolean ran = result.verdict() != Verdict.CANCELLED && result.verdict() != Verdict.REFUSED;
      return ran ? prepared.keep(sandbox, result, settings) : result;
    } catch (SandboxRun.MemoryTooSmall tooSmall) {
      notices.add("Python needs more memory than this run may use: " + tooSmall.getMessage());
      return RunResult.memoryLimit(EngineId.LOCAL, notices);
    } catch (IOException | RuntimeException e) {
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      Optional<Trouble> disk = e instanceof IOException io ? WorkRootCheck.of(setup.claim().dir(), io) : Optional.empty();
      if (disk.isPresent()) {
        healer.report(disk.get());
        return RunResult.engineError(EngineId.LOCAL, disk.get().forLearner());
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
    }
  }

  /** How many learners keep a session on this engine now. */
  public int sessionCount() {
    return sessions.count();
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
    SandboxProcess warm = scientific ? usable(setup.scientificPool().take()) : null;
    if (warm == null) {
      warm = usable(setup.plainPool().take());
    }
    return warm != null ? warm : launchCold(null);
  }

  /** A sandbox started now, with the environment layer {@code layerDir} bound in, if not null. */
  private SandboxProcess launchCold(Path layerDir) throws IOException {
    return SandboxProcess.launch(settings, setup.cgroups(), setup.assets(), List.of(), layerDir);
  }

  /** The warm sandbox, unless its work directory was removed under it (then it is discarded). */
  private SandboxProcess usable(SandboxProcess warm) {
    if (warm == null || Files.isDirectory(warm.workDir())) {
      return warm;
    }
    discard(warm);
    return null;
  }

  private static RunResult cancelled() {
    return RunResult.cancelled(EngineId.LOCAL, null);
  }

  /** Stops the pools, kills every sandbox and removes this instance's files and cgroups. */
  @Override
  public void close() {
    closed = true;
    if (healer != null) {
      healer.close();
    }
    sessions.close();
    setup.close();
    io.shutdown();
    timer.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
