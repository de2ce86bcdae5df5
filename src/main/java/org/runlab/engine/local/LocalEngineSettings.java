package org.runlab.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
    long maxBytes) {

  public LocalEngineSettings {
    preloadModules = List.copyOf(preloadModules);
    scientificModules = List.copyOf(scientificModules);
  }

  /** The defaults that microprofile-config.properties repeats. */
  public static LocalEngineSettings defaults() {
    return new LocalEngineSettings(
        Path.of("/usr/bin/python3"),
        Path.of("/usr/bin/bwrap"),
        Path.of("/usr/bin/setpriv"),
        Path.of("/dev/shm/runlab-local"),
        Path.of("/sys/fs/cgroup"),
        "runlab-sandbox",
        65534,
        4,
        1,
        2,
        List.of("numpy", "pandas"),
        List.of("numpy", "pandas", "matplotlib", "scipy", "sklearn", "seaborn", "sympy"),
        64L << 20,
        1.0,
        256,
        20,
        5L << 20,
        20L << 20,
        Duration.ofSeconds(20),
        50,
        1L << 20);
  }

  /**
   * Settings from configuration: each {@code runlab.local.*} key (and {@code runlab.run.max-files},
   * {@code runlab.run.max-bytes}) that {@code config} knows overrides its default. With MicroProfile
   * Config: {@code fromConfig(k -> config.getOptionalValue(k, String.class))}.
   */
  public static LocalEngineSettings fromConfig(Function<String, Optional<String>> config) {
    LocalEngineSettings d = defaults();
    Function<String, String> text = key -> config.apply(key).map(String::trim).orElse(null);
    return new LocalEngineSettings(
        path(text.apply("runlab.local.python"), d.python),
        path(text.apply("runlab.local.bwrap"), d.bwrap),
        path(text.apply("runlab.local.setpriv"), d.setpriv),
        path(text.apply("runlab.local.work-root"), d.workRoot),
        path(text.apply("runlab.local.cgroup-root"), d.cgroupRoot),
        or(text.apply("runlab.local.cgroup-parent"), d.cgroupParent),
        Integer.parseInt(or(text.apply("runlab.local.sandbox-uid"), "" + d.sandboxUid)),
        Integer.parseInt(or(text.apply("runlab.local.pool.plain-size"), "" + d.plainPoolSize)),
        Integer.parseInt(
            or(text.apply("runlab.local.pool.scientific-size"), "" + d.scientificPoolSize)),
        Integer.parseInt(or(text.apply("runlab.local.pool.refill-threads"), "" + d.refillThreads)),
        list(text.apply("runlab.local.preload-modules"), d.preloadModules),
        list(text.apply("runlab.local.scientific-modules"), d.scientificModules),
        Long.parseLong(or(text.apply("runlab.local.tmp-bytes"), "" + d.tmpBytes)),
        Double.parseDouble(or(text.apply("runlab.local.cpu-cores"), "" + d.cpuCores)),
        Integer.parseInt(or(text.apply("runlab.local.open-files"), "" + d.openFiles)),
        Integer.parseInt(or(text.apply("runlab.local.out.max-files"), "" + d.maxOutputFiles)),
        Long.parseLong(
            or(text.apply("runlab.local.out.max-file-bytes"), "" + d.maxOutputFileBytes)),
        Long.parseLong(
            or(text.apply("runlab.local.out.max-total-bytes"), "" + d.maxOutputTotalBytes)),
        Duration.ofSeconds(
            Long.parseLong(
                or(text.apply("runlab.local.start-timeout-seconds"),
                    "" + d.startTimeout.toSeconds()))),
        Integer.parseInt(or(text.apply("runlab.run.max-files"), "" + d.maxFiles)),
        Long.parseLong(or(text.apply("runlab.run.max-bytes"), "" + d.maxBytes)));
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Path path(String value, Path fallback) {
    return value == null || value.isEmpty() ? fallback : Path.of(value);
  }

  private static List<String> list(String value, List<String> fallback) {
    return value == null
        ? fallback
        : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  public LocalEngineSettings withPools(int plain, int scientific) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plain, scientific, refillThreads,
        preloadModules, scientificModules, tmpBytes, cpuCores, openFiles, maxOutputFiles,
        maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes);
  }

  public LocalEngineSettings withPlaces(Path workRoot, String cgroupParent) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes);
  }

  public LocalEngineSettings withTools(Path bwrap, Path cgroupRoot) {
    return new LocalEngineSettings(
        python, bwrap, setpriv, workRoot, cgroupRoot, cgroupParent, sandboxUid, plainPoolSize,
        scientificPoolSize, refillThreads, preloadModules, scientificModules, tmpBytes, cpuCores, openFiles,
        maxOutputFiles, maxOutputFileBytes, maxOutputTotalBytes, startTimeout, maxFiles, maxBytes);
  }
}
