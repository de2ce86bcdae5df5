package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectValidator;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

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
  private static final String REQUIREMENTS_FILE = "requirements.txt";

  private final LocalEngineSettings settings;
  private final ProjectValidator validator;
  private final ExecutorService io = Executors.newCachedThreadPool(daemon("runlab-local-io"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("runlab-local-timer"));
  private volatile boolean closed;
  /** Why the last setup attempt failed, or null once it succeeded. */
  private volatile Trouble setupTrouble;
  private Healer healer;
  private volatile InstanceClaim claim;
  private volatile Cgroups cgroups;
  private volatile SandboxAssets assets;
  private volatile SandboxPython python;
  private volatile WarmPool plainPool;
  private volatile WarmPool scientificPool;
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

  /**
   * Checks the host, claims this instance's place, sweeps what dead instances left, probes the
   * sandbox's Python and starts the warm pools; whatever fails is retried by the healer.
   */
  public static LocalEngine start(LocalEngineSettings settings) {
    LocalEngine engine = new LocalEngine(settings);
    engine.trySetup();
    engine.healer = new Healer(engine.new Patient(), settings.checkEvery(), settings.repairAtMost(),
        engine.setupTrouble);
    return engine;
  }

  private void trySetup() {
    try {
      setup();
      setupTrouble = null;
    } catch (IOException e) {
      setupTrouble = WorkRootCheck.of(settings.workRoot(), e).orElse(new Trouble("is unavailable", e.getMessage()));
    } catch (RuntimeException e) {
      setupTrouble = new Trouble("is unavailable", String.valueOf(e.getMessage()));
    }
  }

  /** Sets up what is missing; run again, it rebuilds only what was lost since. */
  private synchronized void setup() throws IOException {
    if (closed) {
      return;
    }
    for (Path tool : List.of(settings.bwrap(), settings.setpriv(), settings.python())) {
      if (!Files.isExecutable(tool)) {
        throw new IOException(tool + " is missing (install the packages in bin/apt-packages.txt)");
      }
    }
    prepareWorkRoot();
    if (claim == null) {
      claim = InstanceClaim.take(settings.workRoot(), settings.instance());
      sweepDeadInstances();
    } else {
      claim.restore();
    }
    if (cgroups == null) {
      cgroups = Cgroups.detect(settings.cgroupRoot(), settings.instanceCgroup());
    } else {
      cgroups.restore();
    }
    boolean renewed = assets == null || !assets.intact();
    if (renewed) {
      SandboxAssets lost = assets;
      assets = SandboxAssets.extract(claim.dir(), settings.python());
      if (lost != null) {
        SandboxProcess.deleteTree(lost.dir());
      }
    }
    if (python == null) {
      python = SandboxPython.probe(startSandbox(settings.preloadModules()));
    }
    if (renewed) {
      SandboxPython.buildFontCache(startSandbox(List.of()), assets.fontCache());
      assets.fontCacheBuilt();
    }
    if (plainPool != null) {
      if (renewed) {
        // Waiting sandboxes were started with the lost files; new ones get the new ones.
        plainPool.renew();
        scientificPool.renew();
      }
      return;
    }
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
    LOG.info("local engine up as instance " + claim.name() + " in " + claim.dir() + ": cgroup " + cgroups.version()
        + ", Python " + python.version() + ", preloading " + python.preloadable());
  }

  /**
   * Kills and removes what instances whose lock is free left behind: their process is gone, so
   * nothing of theirs runs for anyone. Living instances' directories and cgroups are not touched.
   */
  private void sweepDeadInstances() throws IOException {
    for (InstanceClaim.Dead dead : InstanceClaim.dead(settings.workRoot())) {
      try (dead) {
        Cgroups.detect(settings.cgroupRoot(), settings.cgroupParent() + "/" + dead.name()).removeParent();
      } catch (IOException noCgroups) {
        // the files still go; without cgroups this engine will not start anyway
      }
      LOG.info("swept the sandboxes of instance " + dead.name() + ", which no longer runs");
    }
  }

  /** What the healer looks after: this engine's setup, directories, disk and pools. */
  private final class Patient implements Healer.Patient {
    @Override
    public Optional<Trouble> trouble() {
      if (setupTrouble != null) {
        return Optional.of(setupTrouble);
      }
      Optional<Trouble> lost = lostFiles();
      if (lost.isPresent()) {
        return lost;
      }
      Optional<Trouble> disk = WorkRootCheck.of(claim.dir(), settings.minFreeBytes());
      return disk.isPresent() ? disk : poolTrouble();
    }

    @Override
    public void repair() {
      trySetup();
    }
  }

  /** Whether someone removed this instance's directory, lock file or assets (a few stat calls). */
  private Optional<Trouble> lostFiles() {
    if (!claim.intact()) {
      return Optional.of(new Trouble("lost its work directory", claim.dir() + " or its lock file was removed"));
    }
    if (!assets.intact()) {
      return Optional.of(new Trouble("lost its sandbox files", assets.dir() + " was removed"));
    }
    return Optional.empty();
  }

  private Optional<Trouble> poolTrouble() {
    WarmPool pool = plainPool;
    return pool == null ? Optional.empty()
        : pool.failing().map(why -> new Trouble("cannot start sandboxes", why));
  }

  /** What keeps the engine from taking runs now: what the healer found, or a pool failing since. */
  private Optional<Trouble> trouble() {
    if (closed) {
      return Optional.of(new Trouble("is stopped", ""));
    }
    Optional<Trouble> found = healer == null ? Optional.ofNullable(setupTrouble) : healer.trouble();
    return found.isPresent() ? found : poolTrouble();
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
    return trouble().map(t -> Availability.down(t.reason())).orElse(Availability.up());
  }

  /** This instance's name on the host (its directory under the work root, its cgroup). */
  public String instance() {
    return settings.instance();
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
    Optional<Trouble> down = trouble();
    if (down.isEmpty()) {
      down = lostFiles();
      down.ifPresent(healer::report);
    }
    if (down.isPresent()) {
      // The healer has logged the cause once; a log line per refused run would drown it.
      return RunResult.engineError(EngineId.LOCAL, down.get().forLearner());
    }
    if (cancellation.isCancelled()) {
      return cancelled();
    }
    List<String> notices = new ArrayList<>(python.shadowWarnings(spec.files()));
    boolean checkRequirements =
        spec.files().stream().anyMatch(f -> f.path().equals(REQUIREMENTS_FILE));
    SandboxProcess sandbox = null;
    try {
      sandbox = take(spec.files());
      running.put(sandbox, new Running(spec.owner(), java.time.Instant.now()));
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      SandboxRun job = new SandboxRun(settings, io, timer);
      try {
        return job.run(sandbox, spec, sink, cancellation, notices, checkRequirements, input);
      } catch (SandboxRun.MemoryTooSmall preloadTooBig) {
        // A preloaded sandbox holds more than this run may use; a bare one may still fit.
        discard(sandbox);
        sandbox = SandboxProcess.launch(settings, cgroups, assets, List.of());
        return job.run(sandbox, spec, sink, cancellation, notices, checkRequirements, input);
      }
    } catch (SandboxRun.MemoryTooSmall tooSmall) {
      notices.add("Python needs more memory than this run may use: " + tooSmall.getMessage());
      return RunResult.memoryLimit(EngineId.LOCAL, notices);
    } catch (IOException | RuntimeException e) {
      if (cancellation.isCancelled()) {
        return cancelled();
      }
      Optional<Trouble> disk = e instanceof IOException io ? WorkRootCheck.of(claim.dir(), io) : Optional.empty();
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
    SandboxProcess warm = scientific ? usable(scientificPool.take()) : null;
    if (warm == null) {
      warm = usable(plainPool.take());
    }
    return warm != null ? warm : SandboxProcess.launch(settings, cgroups, assets, List.of());
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
    for (WarmPool pool : new WarmPool[] {plainPool, scientificPool}) {
      if (pool != null) {
        pool.close();
      }
    }
    io.shutdown();
    timer.shutdownNow();
    if (cgroups != null) {
      cgroups.removeParent();
    }
    synchronized (this) {
      if (claim != null) {
        claim.close();
        try {
          Files.deleteIfExists(settings.workRoot());
        } catch (IOException stillInUse) {
          // other instances' files
        }
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
