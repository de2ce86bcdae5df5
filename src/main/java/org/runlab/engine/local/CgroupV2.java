package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run cgroups on the unified hierarchy (cgroup v2), under the cgroup the JVM was started in (a
 * systemd unit with {@code Delegate=yes}, or a container's namespace root).
 */
final class CgroupV2 implements Cgroups {
  private static final long PERIOD_US = 100_000;
  private static final String CONTROLLERS = "+memory +pids +cpu";

  private final Path unified;
  private final Path base;
  private final String parentName;
  private final Path parent;

  private CgroupV2(Path unified, Path base, String parentName) throws IOException {
    this.unified = unified;
    this.base = base;
    this.parentName = parentName;
    this.parent = prepare(unified, base, parentName);
  }

  static CgroupV2 open(Path unified, String parentName) throws IOException {
    return new CgroupV2(unified, ownCgroup(unified), parentName);
  }

  @Override
  public void restore() throws IOException {
    prepare(unified, base, parentName);
  }

  /**
   * Makes {@code base/parentName} with the controllers enabled for its children. A cgroup with
   * processes cannot hand controllers down, so the processes of a non-root base move into a
   * {@code base/engine} leaf first.
   */
  static Path prepare(Path unified, Path base, String parentName) throws IOException {
    Path subtree = base.resolve("cgroup.subtree_control");
    if (!hasControllers(subtree)) {
      try {
        Cgroups.write(subtree, CONTROLLERS);
      } catch (IOException busy) {
        if (base.equals(unified)) {
          throw busy;
        }
        Path leaf = base.resolve("engine");
        Files.createDirectories(leaf);
        for (String pid : Files.readAllLines(base.resolve("cgroup.procs"))) {
          Cgroups.write(leaf.resolve("cgroup.procs"), pid.trim());
        }
        Cgroups.write(subtree, CONTROLLERS);
      }
    }
    // The parent may be nested (shared parent / instance): every level hands the controllers down.
    Path parent = base;
    for (Path level : Path.of(parentName)) {
      parent = parent.resolve(level.toString());
      Files.createDirectories(parent);
      if (!hasControllers(parent.resolve("cgroup.subtree_control"))) {
        Cgroups.write(parent.resolve("cgroup.subtree_control"), CONTROLLERS);
      }
    }
    return parent;
  }

  private static Path ownCgroup(Path unified) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      if (line.startsWith("0::")) {
        String own = line.substring(3);
        return own.equals("/") ? unified : unified.resolve(own.substring(1));
      }
    }
    return unified;
  }

  private static boolean hasControllers(Path subtreeControl) throws IOException {
    if (!Files.exists(subtreeControl)) {
      return false;
    }
    List<String> enabled = List.of(Files.readString(subtreeControl).trim().split("\\s+"));
    return enabled.containsAll(NEEDED);
  }

  @Override
  public String version() {
    return "v2";
  }

  @Override
  public RunCgroup create(String name, long memoryBytes, int processes, double cpuCores)
      throws IOException {
    Path dir = parent.resolve(name);
    Files.createDirectory(dir);
    Run run = new Run(dir);
    run.limit(memoryBytes, processes);
    Cgroups.write(dir.resolve("cpu.max"), (long) (cpuCores * PERIOD_US) + " " + PERIOD_US);
    return run;
  }

  @Override
  public void sweep() {
    try (Stream<Path> children = Files.list(parent)) {
      children.filter(RunCgroup::isRunDirectory).forEach(dir -> new Run(dir).remove());
    } catch (IOException e) {
      // nothing to sweep
    }
  }

  @Override
  public void removeParent() {
    sweep();
    Cgroups.removeLevels(parent, parentName);
  }

  /** One run's directory. */
  static final class Run implements RunCgroup {
    private final Path dir;

    Run(Path dir) {
      this.dir = dir;
    }

    @Override
    public String attachScript() {
      return "echo $$ >'" + dir.resolve("cgroup.procs") + "' || exit 125; ";
    }

    @Override
    public void limit(long memoryBytes, int processes) throws IOException {
      Cgroups.write(dir.resolve("memory.max"), Long.toString(memoryBytes));
      if (Files.exists(dir.resolve("memory.swap.max"))) {
        Cgroups.write(dir.resolve("memory.swap.max"), "0");
      }
      Cgroups.write(dir.resolve("pids.max"), Integer.toString(processes));
    }

    @Override
    public void resetPeak() {
      // memory.peak cannot be reset for other readers; what was charged before stays in it.
    }

    @Override
    public CgroupUsage usage() {
      long current = Cgroups.number(dir.resolve("memory.current"));
      long peak = Files.exists(dir.resolve("memory.peak"))
          ? Cgroups.number(dir.resolve("memory.peak")) : current;
      return new CgroupUsage(
          current,
          Math.max(peak, current),
          Cgroups.keyed(dir.resolve("cpu.stat"), "usage_usec") * 1000,
          Cgroups.keyed(dir.resolve("memory.events"), "oom_kill"),
          Cgroups.number(dir.resolve("pids.current")));
    }

    @Override
    public void killAll() {
      Path kill = dir.resolve("cgroup.kill");
      if (Files.exists(kill)) {
        try {
          Cgroups.write(kill, "1");
        } catch (IOException e) {
          // fall back to killing the listed pids
        }
      }
      RunCgroup.killListed(dir.resolve("cgroup.procs"));
    }

    @Override
    public void remove() {
      RunCgroup.removeDirs(List.of(dir), this::killAll);
    }
  }
}
