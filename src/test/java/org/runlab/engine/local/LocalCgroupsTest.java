package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and the cgroup v2 implementation against a file tree shaped like cgroupfs (this host
 * has no v2 controllers); v1 is exercised for real by the sandbox tests.
 */
class LocalCgroupsTest {
  @TempDir Path root;

  @Test
  void detectsV2WhenTheUnifiedRootOffersTheControllers() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(root.resolve("cgroup.subtree_control"), "");
    assertThat(Cgroups.detect(root, "runlab").version()).isEqualTo("v2");
    assertThat(Files.readString(root.resolve("cgroup.subtree_control")))
        .isEqualTo("+memory +pids +cpu");
    assertThat(Files.readString(root.resolve("runlab/cgroup.subtree_control")))
        .isEqualTo("+memory +pids +cpu");
  }

  @Test
  void detectsV1OnAHybridHostWhoseUnifiedTreeHasNoControllers() throws IOException {
    Files.createDirectories(root.resolve("unified"));
    Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb\n");
    for (String c : new String[] {"memory", "pids", "cpu", "cpuacct"}) {
      Files.createDirectories(root.resolve(c));
    }
    assertThat(Cgroups.detect(root, "runlab").version()).isEqualTo("v1");
    assertThat(root.resolve("memory/runlab")).isDirectory();
  }

  @Test
  void refusesAHostWithoutUsableControllers() {
    assertThatThrownBy(() -> Cgroups.detect(root, "runlab"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no usable cgroups");
  }

  @Test
  void v2RunCgroupWritesLimitsAndReadsCounters() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "memory pids cpu\n");
    Files.writeString(root.resolve("cgroup.subtree_control"), "memory pids cpu\n");
    Files.createDirectories(root.resolve("runlab"));
    Files.writeString(root.resolve("runlab/cgroup.subtree_control"), "memory pids cpu\n");
    RunCgroup run = Cgroups.detect(root, "runlab").create("r1", 256L << 20, 64, 0.5);
    Path dir = root.resolve("runlab/r1");
    assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo("268435456");
    assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("64");
    assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("50000 100000");
    assertThat(run.attachScript()).contains(dir.resolve("cgroup.procs").toString());

    Files.writeString(dir.resolve("memory.current"), "1000\n");
    Files.writeString(dir.resolve("memory.peak"), "5000\n");
    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
    Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
    Files.writeString(dir.resolve("pids.current"), "3\n");
    assertThat(run.usage()).isEqualTo(new CgroupUsage(1000, 5000, 1_500_000, 1, 3));
  }
}
