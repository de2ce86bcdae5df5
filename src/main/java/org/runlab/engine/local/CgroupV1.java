package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Run cgroups on cgroup v1: one directory per run in each of memory, pids, cpu and cpuacct. */
final class CgroupV1 implements Cgroups {
  private static final long PERIOD_US = 100_000;

  private final Path memory;
  private final Path pids;
  private final Path cpu;
  private final Path cpuacct;
  /** Distinct hierarchies (cpu and cpuacct are often one, mounted twice). */
  private final List<Path> parents;

  private final String parentName;

  private CgroupV1(Path memory, Path pids, Path cpu, Path cpuacct, String parentName) throws IOException {
    this.parentName = parentName;
    this.memory = memory;
    this.pids = pids;
    this.cpu = cpu;
    this.cpuacct = cpuacct;
    Set<Path> distinct = new LinkedHashSet<>();
    for (Path p : List.of(memory, pids, cpu, cpuacct)) {
      Files.createDirectories(p);
      distinct.add(p.toRealPath());
    }
    this.parents = List.copyOf(distinct);
  }

  static CgroupV1 open(Path root, String parent) throws IOException {
    return new CgroupV1(
        root.resolve("memory").resolve(parent),
        root.resolve("pids").resolve(parent),
        root.resolve("cpu").resolve(parent),
        root.resolve("cpuacct").resolve(parent),
        parent);
  }

  @Override
  public void restore() throws IOException {
    for (Path p : List.of(memory, pids, cpu, cpuacct)) {
      Files.createDirectories(p);
    }
  }

  @Override
  public String version() {
    return "v1";
  }

  @Override
  public RunCgroup create(String name, long memoryBytes, int processes, double cpuCores)
      throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (Path parent : parents) {
      Path dir = parent.resolve(name);
      Files.createDirectory(dir);
      dirs.add(dir);
    }
    Run run = new Run(name, dirs);
    run.limit(memoryBytes, processes);
    Path cpuDir = cpu.toRealPath().resolve(name);
    Cgroups.write(cpuDir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
    Cgroups.write(cpuDir.resolve("cpu.cfs_quota_us"), Long.toString((long) (cpuCores * PERIOD_US)));
    return run;
  }

  @Override
  public void sweep() {
    for (Path parent : parents) {
      try (Stream<Path> children = Files.list(parent)) {
        children
            .filter(RunCgroup::isRunDirectory)
            .forEach(dir -> sweepOne(dir.getFileName().toString()));
      } catch (IOException e) {
        // nothing to sweep
      }
    }
  }

  @Override
  public void removeParent() {
    sweep();
    for (Path parent : parents) {
      Cgroups.removeLevels(parent, parentName);
    }
  }

  private void sweepOne(String name) {
    List<Path> dirs = new ArrayList<>();
    for (Path parent : parents) {
      if (Files.isDirectory(parent.resolve(name))) {
        dirs.add(parent.resolve(name));
      }
    }
    new Run(name, dirs).remove();
  }

  /** One run's directories. */
  private final class Run implements RunCgroup {
    private final Path mem;
    private final Path pid;
    private final Path acct;
    private final List<Path> dirs;

    Run(String name, List<Path> dirs) {
      this.mem = memory.resolve(name);
      this.pid = pids.resolve(name);
      this.acct = cpuacct.resolve(name);
      this.dirs = dirs;
    }

    /**
     * Writes 0 ("the calling thread") to {@code tasks}: the shell has one thread, so it moves whole,
     * and the kernel skips the global threadgroup lock whose RCU wait cost about 12 ms per
     * controller when writing a pid to cgroup.procs.
     */
    @Override
    public String attachScript() {
      StringBuilder script = new StringBuilder();
      for (Path dir : dirs) {
        script.append("echo 0 >'").append(dir.resolve("tasks")).append("' || exit 125; ");
      }
      return script.toString();
    }

    @Override
    public void limit(long memoryBytes, int processes) throws IOException {
      Path limit = mem.resolve("memory.limit_in_bytes");
      Path withSwap = mem.resolve("memory.memsw.limit_in_bytes");
      String bytes = Long.toString(memoryBytes);
      if (Files.exists(withSwap)) {
        // memsw may never be below the plain limit, so the order depends on the direction.
        try {
          Cgroups.write(withSwap, bytes);
          Cgroups.write(limit, bytes);
        } catch (IOException lowering) {
          Cgroups.write(limit, bytes);
          Cgroups.write(withSwap, bytes);
        }
      } else {
        Cgroups.write(limit, bytes);
      }
      Cgroups.write(pid.resolve("pids.max"), Integer.toString(processes));
    }

    @Override
    public void resetPeak() {
      try {
        Cgroups.write(mem.resolve("memory.max_usage_in_bytes"), "0");
      } catch (IOException e) {
        // the peak then includes what came before
      }
    }

    @Override
    public CgroupUsage usage() {
      return new CgroupUsage(
          Cgroups.number(mem.resolve("memory.usage_in_bytes")),
          Cgroups.number(mem.resolve("memory.max_usage_in_bytes")),
          Cgroups.number(acct.resolve("cpuacct.usage")),
          Cgroups.keyed(mem.resolve("memory.oom_control"), "oom_kill"),
          Cgroups.number(pid.resolve("pids.current")));
    }

    @Override
    public void killAll() {
      RunCgroup.killListed(pid.resolve("cgroup.procs"));
    }

    @Override
    public void remove() {
      RunCgroup.removeDirs(dirs, this::killAll);
    }
  }
}
