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
 * @param workRoot where per-run work directories live on the host; on a tmpfs the files a run
 *     writes are charged to its memory cgroup, so they cannot fill a disk
 * @param cgroupRoot the cgroup file system root, normally /sys/fs/cgroup
 * @param cgroupParent the cgroup under which every run's cgroup is made; swept at start
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
    int maxFiles,
    long maxBytes,
    Path wheelhouse,
    long environmentCacheBytes,
    Duration environmentBuildTime) {

  public LocalEngineSettings {
    preloadModules = List.copyOf(preloadModules);
    scientificModules = List.copyOf(scientificModules);
  }

  /** The settings from {@code runlab.local.*} and the project limits ({@code runlab.run.*}). */
  public static LocalEngineSettings from(Config c) {
    ProjectLimits project = ProjectLimits.from(c);
    return new LocalEngineSettings(
        Path.of(c.getValue("runlab.local.python", String.class)),
        Path.of(c.getValue("runlab.local.bwrap", String.class)),
        Path.of(c.getValue("runlab.local.setpriv", String.class)),
        Path.of(c.getValue("runlab.local.work-root", String.class)),
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
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plain, scientific, refillThreads,
        preloadModules, scientificModules, tmpBytes, cpuCores, openFiles, maxOutputFiles,
        maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes, wheelhouse,
        environmentCacheBytes, environmentBuildTime);
  }

  public LocalEngineSettings withPlaces(Path workRoot, String cgroupParent) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes, wheelhouse,
        environmentCacheBytes, environmentBuildTime);
  }

  public LocalEngineSettings withTools(Path bwrap, Path cgroupRoot) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes, wheelhouse,
        environmentCacheBytes, environmentBuildTime);
  }

  /** These settings installing from {@code wheels}, caching up to {@code cacheBytes} of layers. */
  public LocalEngineSettings withWheelhouse(Path wheels, long cacheBytes) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes, wheels,
        cacheBytes, environmentBuildTime);
  }
}
