package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * What a local engine instance sets up on the host: its claim on the work root (sweeping what dead
 * instances left), its cgroup, its assets, the sandbox's Python and the warm pools. Set up again,
 * it rebuilds only what was lost, so it is also what the {@link Healer} repairs.
 */
final class EngineSetup implements Healer.Patient {
  private static final Logger LOG = Logger.getLogger(EngineSetup.class.getName());

  private final LocalEngineSettings settings;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;
  /** Why the last setup attempt failed, or null once it succeeded. */
  private volatile Trouble setupTrouble;
  private volatile InstanceClaim claim;
  private volatile Cgroups cgroups;
  private volatile SandboxAssets assets;
  private volatile SandboxPython python;
  private volatile WarmPool plainPool;
  private volatile WarmPool scientificPool;
  private volatile EnvironmentLayers environments;

  EngineSetup(LocalEngineSettings settings, ScheduledExecutorService timer) {
    this.settings = settings;
    this.timer = timer;
  }

  /** Sets up what is missing; remembers why not, for {@link #trouble()}. */
  void trySetup() {
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
      // Layers were installed with the lost assets' pip; the cache starts again with the new ones.
      if (environments != null) {
        environments.close();
      }
      environments = new EnvironmentLayers(settings, claim.dir(), cgroups, assets, python.version());
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

  /** Whether someone removed this instance's directory, lock file or assets (a few stat calls). */
  Optional<Trouble> lostFiles() {
    if (!claim.intact()) {
      return Optional.of(new Trouble("lost its work directory", claim.dir() + " or its lock file was removed"));
    }
    if (!assets.intact()) {
      return Optional.of(new Trouble("lost its sandbox files", assets.dir() + " was removed"));
    }
    return Optional.empty();
  }

  /** Why the plain pool keeps failing to start sandboxes, if it does. */
  Optional<Trouble> poolTrouble() {
    WarmPool pool = plainPool;
    return pool == null ? Optional.empty()
        : pool.failing().map(why -> new Trouble("cannot start sandboxes", why));
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

  /** Starts a sandbox and waits until it is ready. */
  SandboxProcess startSandbox(List<String> preload) throws IOException {
    return SandboxProcess.start(settings, cgroups, assets, preload, timer);
  }

  /** Why the last setup failed, or empty once it succeeded. */
  Optional<Trouble> setupTrouble() {
    return Optional.ofNullable(setupTrouble);
  }

  InstanceClaim claim() {
    return claim;
  }

  Cgroups cgroups() {
    return cgroups;
  }

  SandboxAssets assets() {
    return assets;
  }

  SandboxPython python() {
    return python;
  }

  /** The cached environment layers, or null before the first setup succeeded. */
  EnvironmentLayers environments() {
    return environments;
  }

  WarmPool plainPool() {
    return plainPool;
  }

  WarmPool scientificPool() {
    return scientificPool;
  }

  /** Stops the pools, then removes this instance's cgroup, directory and lock file. */
  synchronized void close() {
    closed = true;
    for (WarmPool pool : new WarmPool[] {plainPool, scientificPool}) {
      if (pool != null) {
        pool.close();
      }
    }
    if (environments != null) {
      environments.close();
    }
    if (cgroups != null) {
      cgroups.removeParent();
    }
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
