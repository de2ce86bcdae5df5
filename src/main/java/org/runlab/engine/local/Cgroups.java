package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The host's cgroup hierarchy as the engine uses it: one cgroup per run under a parent, for memory,
 * process count and CPU. {@link #detect} picks v2 or v1 by what the machine offers.
 */
public interface Cgroups {
  Set<String> NEEDED = Set.of("memory", "pids", "cpu");

  /** "v1" or "v2", for health and logs. */
  String version();

  /** Makes a run's cgroup with its limits; the sandbox joins it through {@link RunCgroup#attachScript}. */
  RunCgroup create(String name, long memoryBytes, int processes, double cpuCores) throws IOException;

  /** Makes the parent again where someone removed it. */
  void restore() throws IOException;

  /** Kills and removes every run cgroup left under the parent (by a crash, say). */
  void sweep();

  /** Sweeps, then removes the parent itself if nothing else uses it. */
  void removeParent();

  /**
   * The usable hierarchy under {@code root}, with {@code parent} (which may be a path such as
   * {@code runlab-sandbox/instance}) created and ready.
   *
   * @throws IOException with a reason an operator can act on when neither version is usable
   */
  static Cgroups detect(Path root, String parent) throws IOException {
    for (Path unified : List.of(root, root.resolve("unified"))) {
      Path controllers = unified.resolve("cgroup.controllers");
      if (Files.isRegularFile(controllers)
          && Set.of(Files.readString(controllers).trim().split("\\s+")).containsAll(NEEDED)) {
        return CgroupV2.open(unified, parent);
      }
    }
    if (Files.isDirectory(root.resolve("memory"))
        && Files.isDirectory(root.resolve("pids"))
        && Files.isDirectory(root.resolve("cpu"))
        && Files.isDirectory(root.resolve("cpuacct"))) {
      return CgroupV1.open(root, parent);
    }
    throw new IOException(
        "no usable cgroups under " + root + ": need memory, pids and cpu on v2, or on v1 with cpuacct");
  }

  /**
   * Removes {@code leaf} and, while they are empty, the levels of {@code parentName} above it (the
   * shared parent goes with the last instance).
   */
  static void removeLevels(Path leaf, String parentName) {
    Path dir = leaf;
    for (int i = 0; i < Path.of(parentName).getNameCount(); i++, dir = dir.getParent()) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException stillUsed) {
        return; // another instance's cgroups, or runs being torn down
      }
    }
  }

  /** Writes {@code value} to a cgroup control file. */
  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  /** The first number on the line of {@code file} that starts with {@code key}, or 0. */
  static long keyed(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2 && parts[0].equals(key)) {
          return Long.parseLong(parts[1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** The number in {@code file}, or 0 when it cannot be read. */
  static long number(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
