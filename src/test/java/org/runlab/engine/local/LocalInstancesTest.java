package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runlab.engine.local.SandboxFixture.awaitAvailable;
import static org.runlab.engine.local.SandboxFixture.hello;
import static org.runlab.engine.local.SandboxFixture.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

/**
 * Instances side by side on one host: each owns its directory and cgroup under the shared work root
 * and parent, sweeps only what dead instances left, and heals when its files disappear. Real
 * bubblewrap and cgroups; two engines in one JVM stand for two instances.
 */
class LocalInstancesTest {
  @Test
  void twoInstancesOnOneWorkRootBothRunAfterEitherRestarts() throws Exception {
    LocalEngine a = LocalEngine.start(instance("pair", "a").withPools(1, 0));
    try (LocalEngine b = LocalEngine.start(instance("pair", "b").withPools(1, 0))) {
      assertOk(a, "a before");
      assertOk(b, "b beside a");
      // b's start looked at a's lock file: a must still hold its lock, as another process sees it.
      assertHeldForOtherProcesses(SandboxFixture.workRoot("pair").resolve("a.lock"));
      assertHeldForOtherProcesses(SandboxFixture.workRoot("pair").resolve("b.lock"));

      a.close();
      assertOk(b, "b while a is away");
      a = LocalEngine.start(instance("pair", "a").withPools(1, 0));
      assertOk(a, "a restarted");
      assertOk(b, "b after a restarted");

      b.close();
      try (LocalEngine b2 = LocalEngine.start(instance("pair", "b").withPools(1, 0))) {
        assertOk(a, "a after b restarted");
        assertOk(b2, "b restarted");
        assertThat(a.availability().available()).isTrue();
      }
    } finally {
      a.close();
    }
  }

  @Test
  void aNameALivingInstanceHoldsIsRefusedNamingItsOwner() throws Exception {
    try (LocalEngine first = LocalEngine.start(instance("twice", "same").withPools(0, 0));
        LocalEngine second = LocalEngine.start(instance("twice", "same").withPools(0, 0))) {
      assertThat(first.availability().available()).isTrue();
      assertThat(second.availability().available()).isFalse();
      assertThat(second.availability().reason())
          .contains("instance 'same' already runs on this work root")
          .contains("pid " + ProcessHandle.current().pid());
      assertOk(first, "the first keeps running");
    }
  }

  @Test
  void sweepsOnlyWhatDeadInstancesLeftBehind() throws Exception {
    Path root = SandboxFixture.workRoot("sweep");
    String parent = SandboxFixture.cgroupParent("sweep");
    Path deadWork = root.resolve("dead").resolve("run-stale");
    Path deadCgroup = Path.of("/sys/fs/cgroup/pids", parent, "dead", "run-stale");
    Path liveWork = root.resolve("alive").resolve("run-busy");
    Path liveCgroup = Path.of("/sys/fs/cgroup/pids", parent, "alive", "run-busy");
    Path notOurs = root.resolve("operator-notes");
    Files.createDirectories(deadWork);
    Files.createDirectories(liveWork);
    Files.createDirectories(notOurs);
    Files.createDirectories(deadCgroup);
    Files.createDirectories(liveCgroup);
    // The dead instance's lock names a pid that ran once; no process holds the lock.
    Files.writeString(root.resolve("dead.lock"), "1 1\n");
    Process deadRun = new ProcessBuilder("sleep", "300").start();
    Files.writeString(deadCgroup.resolve("cgroup.procs"), Long.toString(deadRun.pid()));
    Process liveRun = new ProcessBuilder("sleep", "300").start();
    Files.writeString(liveCgroup.resolve("cgroup.procs"), Long.toString(liveRun.pid()));
    // Another process on the host holds the living instance's lock (fcntl, as Java's locks are).
    Process liveOwner = holdLock(root.resolve("alive.lock"));
    try (LocalEngine engine = LocalEngine.start(instance("sweep", "new").withPools(0, 0))) {
      assertThat(engine.availability().available()).as(engine.availability().reason()).isTrue();

      assertThat(deadRun.waitFor(5, TimeUnit.SECONDS)).as("the dead instance's run was killed").isTrue();
      assertThat(root.resolve("dead")).doesNotExist();
      assertThat(root.resolve("dead.lock")).doesNotExist();
      assertThat(deadCgroup).doesNotExist();
      assertThat(liveRun.isAlive()).as("the living instance's run goes on").isTrue();
      assertThat(liveWork).isDirectory();
      assertThat(liveCgroup).isDirectory();
      assertThat(root.resolve("alive.lock")).exists();
      assertThat(notOurs).isDirectory();
      assertOk(engine, "swept");
    } finally {
      liveOwner.destroyForcibly().waitFor();
      liveRun.destroyForcibly().waitFor();
      deadRun.destroyForcibly().waitFor();
      for (int i = 0; i < 50 && Files.exists(liveCgroup); i++) {
        try {
          Files.deleteIfExists(liveCgroup);
        } catch (IOException stillDying) {
          Thread.sleep(20);
        }
      }
      Files.deleteIfExists(liveCgroup.getParent());
      Files.deleteIfExists(liveCgroup.getParent().getParent());
      SandboxProcess.deleteTree(root);
    }
  }

  @Test
  void healsWhenSomeoneDeletesTheWorkRootWhileItRuns() throws Exception {
    try (LocalEngine engine = LocalEngine.start(instance("deleted", "x").withPools(1, 0))) {
      assertOk(engine, "before");

      SandboxProcess.deleteTree(SandboxFixture.workRoot("deleted"));

      RunResult first = hello(engine, "right after");
      assertThat(first.verdict() == Verdict.OK || first.notices().toString().contains("lost its"))
          .as("a clear answer: %s", first.notices()).isTrue();
      assertThat(awaitAvailable(engine, 20).available()).isTrue();
      assertOk(engine, "rebuilt");
      assertThat(SandboxFixture.workRoot("deleted").resolve("x.lock")).exists();
    }
  }

  @Test
  void healsWhenItsCgroupIsSweptByHand() throws Exception {
    try (LocalEngine engine = LocalEngine.start(instance("cgswept", "x").withPools(1, 0))) {
      assertOk(engine, "before");
      // What the old start-up sweep of another instance did: every run-* cgroup killed and removed.
      for (String controller : new String[] {"memory", "pids", "cpu", "cpuacct"}) {
        Path dir = Path.of("/sys/fs/cgroup", controller, SandboxFixture.cgroupParent("cgswept"), "x");
        try (var runs = Files.list(dir)) {
          runs.filter(RunCgroup::isRunDirectory).forEach(run -> RunCgroup.removeDirs(java.util.List.of(run),
              () -> RunCgroup.killListed(run.resolve("cgroup.procs"))));
        }
      }

      assertThat(awaitAvailable(engine, 20).available()).isTrue();
      assertOk(engine, "after the sweep");
    }
  }

  private static void assertOk(LocalEngine engine, String text) {
    RunResult r = hello(engine, text);
    assertThat(r.verdict()).as("%s: %s %s", text, r.notices(), engine.availability().reason()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo(text + "\n");
  }

  /** Another process cannot take the lock: its owner (this JVM) still holds it. */
  private static void assertHeldForOtherProcesses(Path lockFile) throws Exception {
    Process p = new ProcessBuilder("python3", "-c",
        "import fcntl,sys\nf=open(sys.argv[1],'a+')\ntry:\n  fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            + "except OSError:\n  sys.exit(7)\n", lockFile.toString()).start();
    assertThat(p.waitFor()).as("another process could take " + lockFile).isEqualTo(7);
  }

  /** A python3 process holding an fcntl lock on {@code file} until it is killed. */
  private static Process holdLock(Path file) throws Exception {
    Process p = new ProcessBuilder("python3", "-c",
        "import fcntl,sys,time\nf=open(sys.argv[1],'a+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nf.write('0 0\\n');f.flush()\n"
            + "print('locked', flush=True)\ntime.sleep(300)\n", file.toString()).start();
    String line = new String(p.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
    assertThat(line).isEqualTo("locked\n");
    return p;
  }
}
