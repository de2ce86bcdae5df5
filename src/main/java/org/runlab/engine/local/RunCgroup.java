package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One run's cgroup: its limits, its counters, and the end of everything in it. */
public interface RunCgroup {
  /** Shell commands that move the shell ($$) into this cgroup before it execs the sandbox. */
  String attachScript();

  /** Sets the memory and process limits, raising or lowering them. */
  void limit(long memoryBytes, int processes) throws IOException;

  /** Starts measuring peak memory afresh, where the kernel allows it. */
  void resetPeak();

  /** What the cgroup has used so far. */
  CgroupUsage usage();

  /**
   * SIGKILLs every process listed in the cgroup, once; {@link #remove} repeats it until the cgroup
   * is gone, so processes forked meanwhile die too.
   */
  void killAll();

  /** Kills what is left and removes the cgroup, retrying while dying tasks keep it busy. */
  void remove();

  /** Run cgroups are named "run-..."; a sweep touches nothing else under the parent. */
  String PREFIX = "run-";

  static boolean isRunDirectory(Path dir) {
    return Files.isDirectory(dir) && dir.getFileName().toString().startsWith(PREFIX);
  }

  /** Sends SIGKILL to every pid listed in {@code procs} except the JVM's own. */
  static void killListed(Path procs) {
    List<String> pids;
    try {
      pids = Files.readAllLines(procs);
    } catch (IOException e) {
      return;
    }
    pids.stream()
        .filter(s -> !s.isBlank())
        .map(s -> Long.parseLong(s.trim()))
        .filter(pid -> pid != ProcessHandle.current().pid())
        .map(ProcessHandle::of)
        .forEach(h -> h.ifPresent(ProcessHandle::destroyForcibly));
  }

  /**
   * Removes the directories, killing and retrying every 10 ms for up to 5 s while the kernel still
   * holds tasks (zombies wait for the host's PID 1 to reap them).
   */
  static void removeDirs(List<Path> dirs, Runnable killer) {
    for (int attempt = 0; attempt < 500; attempt++) {
      boolean all = true;
      for (Path dir : dirs) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException busy) {
          all = false;
        }
      }
      if (all) {
        return;
      }
      killer.run();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
