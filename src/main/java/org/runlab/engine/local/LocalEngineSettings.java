package org.runlab.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.runlab.engine.ProjectLimits;

/**
 * How the local engine is set up; one field per {@code runlab.local.*} config key.
 *
 * @param python the interpreter inside the sandbox (Debian's, with the python3-* packages)
 * @param bwrap the bubblewrap binary
 * @param setpriv the util-linux setpriv binary that drops to {@code sandboxUid} before bwrap
 * @param workRoot where per-run work directories live on the host, shared by every instance on it
 *     (each in its own {@code <workRoot>/<instance>/}); on a tmpfs the files a run writes are charged
 *     to its memory cgroup, so they cannot fill a disk
 * @param instance this instance's name on the host, naming its directory under the work root and
 *     its cgroup under the parent; "auto" (or blank) means {@code i<pid>}
 * @param cgroupRoot the cgroup file system root, normally /sys/fs/cgroup
 * @param cgroupParent the cgroup under which each instance makes its own, holding its runs' cgroups
 * @param sandboxUid the unprivileged uid and gid every sandbox runs as
 * @param plainPoolSize pre-started sandboxes with nothing preloaded, for most programs
 * @param scientificPoolSize pre-started sandboxes with {@code preloadModules} imported
 * @param refillThreads sandboxes each pool starts at the same time when refilling
 * @param preloadModules modules the scientific pool imports ahead of time, when installed
 * @param scientificModules top-level imports that send a program to the scientific pool
 * @param tmpBytes size of each sandbox's private /tmp
 * @param cpuCores CPU quota of one run, in cores
 * @param openFiles RLIMIT_NOFILE inside the sandbox
 * @param maxOutputFiles how many files under out/ are returned
 * @param maxOutputFileBytes the largest single file under out/ that is returned
 * @param maxOutputTotalBytes all returned out/ files together
 * @param startTimeout how long a sandbox may take to become ready
 * @param minFreeBytes below this much free space in the work root the engine takes no runs
 * @param checkEvery how often a well engine checks its directories, assets, disk and pools
 * @param repairAtMost the longest wait between two repair attempts of an engine that is down
 * @param maxFiles runlab.run.max-files: most files in one project
 * @param maxBytes runlab.run.max-bytes: most bytes in one project
 * @param wheelhouse the operator's directory of wheels that requirements install from, or null
 *     when none is configured (requirements are then only checked against Debian's packages)
 * @param environmentCacheBytes how much the cached environment layers may take together; the
 *     least recently used unused ones are removed beyond it
 * @param environmentBuildTime how long building a lesson environment's layer may take when the
 *     run's own install policy gives no limit (an admin's pre-build, a tier that may not install)
 */
public record LocalEngineSettings(
    Path python,
    Path bwrap,
    Path setpriv,
    Path workRoot,
    String instance,
    Path cgroupRoot,
    String cgroupParent,
    int sandboxUid,
    int plainPoolSize,
    int scientificPoolSize,
    int refillThreads,
    List<String> preloadModules,
    List<String> scientificModules,
    long tmpBytes,
    double cpuCores,
    int openFiles,
    int maxOutputFiles,
    long maxOutputFileBytes,
    long maxOutputTotalBytes,
    Duration startTimeout,
    long minFreeBytes,
    Duration checkEvery,
    Duration repairAtMost,
    int maxFiles,
    long maxBytes,
    Path wheelhouse,
    long environmentCacheBytes,
    Duration environmentBuildTime) {

  public LocalEngineSettings {
    preloadModules = List.copyOf(preloadModules);
    scientificModules = List.copyOf(scientificModules);
    instance = instance == null || instance.isBlank() || instance.strip().equals("auto") ? "i" + ProcessHandle.current().pid() : instance.strip();
    if (!instance.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException("runlab.local.instance must be letters, digits, '.', '_' or '-' (at"
          + " most 64, not starting with a sign), not '" + instance + "'");
    }
  }

  /** The settings from {@code runlab.local.*} and the project limits ({@code runlab.run.*}). */
  public static LocalEngineSettings from(Config c) {
    ProjectLimits project = ProjectLimits.from(c);
    return new LocalEngineSettings(
        Path.of(c.getValue("runlab.local.python", String.class)),
        Path.of(c.getValue("runlab.local.bwrap", String.class)),
        Path.of(c.getValue("runlab.local.setpriv", String.class)),
        Path.of(c.getValue("runlab.local.work-root", String.class)),
        c.getValue("runlab.local.instance", String.class),
        Path.of(c.getValue("runlab.local.cgroup-root", String.class)),
        c.getValue("runlab.local.cgroup-parent", String.class),
        c.getValue("runlab.local.sandbox-uid", Integer.class),
        c.getValue("runlab.local.pool.plain-size", Integer.class),
        c.getValue("runlab.local.pool.scientific-size", Integer.class),
        c.getValue("runlab.local.pool.refill-threads", Integer.class),
        list(c, "runlab.local.preload-modules"),
        list(c, "runlab.local.scientific-modules"),
        c.getValue("runlab.local.tmp-bytes", Long.class),
        c.getValue("runlab.local.cpu-cores", Double.class),
        c.getValue("runlab.local.open-files", Integer.class),
        c.getValue("runlab.local.out.max-files", Integer.class),
        c.getValue("runlab.local.out.max-file-bytes", Long.class),
        c.getValue("runlab.local.out.max-total-bytes", Long.class),
        Duration.ofSeconds(c.getValue("runlab.local.start-timeout-seconds", Long.class)),
        c.getValue("runlab.local.min-free-bytes", Long.class),
        Duration.ofMillis(c.getValue("runlab.local.check-millis", Long.class)),
        Duration.ofMillis(c.getValue("runlab.local.repair-max-millis", Long.class)),
        project.maxFiles(),
        project.maxBytes(),
        c.getOptionalValue("runlab.local.wheelhouse", String.class)
            .map(String::strip).filter(v -> !v.isEmpty()).map(Path::of).orElse(null),
        c.getValue("runlab.local.environment-cache-mb", Long.class) << 20,
        Duration.ofSeconds(c.getValue("runlab.local.environment-build-seconds", Long.class)));
  }

  /** Whether requirements install from a wheelhouse (else they are only checked). */
  public boolean hasWheelhouse() {
    return wheelhouse != null;
  }

  /** A comma-separated list; an empty value is an empty list. */
  private static List<String> list(Config c, String key) {
    return c.getOptionalValue(key, String.class).stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  public LocalEngineSettings withPools(int plain, int scientific) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, instance, cgroupRoot, cgroupParent, sandboxUid, plain, scientific,
        refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles, maxOutputFiles,
        maxOutputFileBytes, maxOutputTotalBytes, startTimeout, minFreeBytes, checkEvery, repairAtMost, maxFiles,
        maxBytes, wheelhouse, environmentCacheBytes, environmentBuildTime);
  }

  public LocalEngineSettings withPlaces(Path workRoot, String cgroupParent) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, instance, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, minFreeBytes, checkEvery,
        repairAtMost, maxFiles, maxBytes, wheelhouse, environmentCacheBytes, environmentBuildTime);
  }

  public LocalEngineSettings withTools(Path bwrap, Path cgroupRoot) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, instance, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, minFreeBytes, checkEvery,
        repairAtMost, maxFiles, maxBytes, wheelhouse, environmentCacheBytes, environmentBuildTime);
  }

  /** These settings for the instance {@code name}, checking and repairing at the given pace. */
  public LocalEngineSettings withInstance(String name, long minFreeBytes, Duration checkEvery, Duration repairAtMost) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, name, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, minFreeBytes, checkEvery,
        repairAtMost, maxFiles, maxBytes, wheelhouse, environmentCacheBytes, environmentBuildTime);
  }

  /** These settings installing from {@code wheels}, caching up to {@code cacheBytes} of layers. */
  public LocalEngineSettings withWheelhouse(Path wheels, long cacheBytes) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, instance, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, minFreeBytes, checkEvery,
        repairAtMost, maxFiles, maxBytes, wheels, cacheBytes, environmentBuildTime);
  }

  /** This instance's cgroup: its own child of the shared parent. */
  public String instanceCgroup() {
    return cgroupParent + "/" + instance;
  }
}
