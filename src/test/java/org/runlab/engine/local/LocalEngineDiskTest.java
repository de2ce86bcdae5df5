package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runlab.engine.local.SandboxFixture.awaitAvailable;
import static org.runlab.engine.local.SandboxFixture.hello;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

/**
 * A full or read-only work root: runs get a verdict that names it, the engine says it on health,
 * and it comes back by itself once space returns or the file system is writable again. The work
 * root is a small tmpfs mounted for the test (the tests run as root), so the disk is really full.
 */
class LocalEngineDiskTest {
  private final Path mount = Path.of("/tmp/runlab-disk-test-" + SandboxFixture.PID);
  private LocalEngine engine;

  @BeforeEach
  void mountSmallTmpfs() throws Exception {
    Files.createDirectories(mount);
    sh("mount", "-t", "tmpfs", "-o", "size=12m,mode=0755", "runlab-disk-test", mount.toString());
    engine = LocalEngine.start(
        SandboxFixture.instance("disk", "disk").withPlaces(mount.resolve("work"), SandboxFixture.cgroupParent("disk"))
            .withPools(1, 0));
    assertOk("before");
  }

  @AfterEach
  void unmount() throws Exception {
    if (engine != null) {
      engine.close();
    }
    new ProcessBuilder("umount", "-l", mount.resolve("work").toString()).start().waitFor(); // when a test failed
    sh("umount", "-l", mount.toString());
    Files.deleteIfExists(mount);
  }

  @Test
  void aFullWorkRootGivesAClearVerdictAndHealsWhenSpaceReturns() throws Exception {
    Path filler = mount.resolve("filler");
    fill(filler);

    RunResult r = hello(engine, "full");
    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(r.notices()).contains("Your program could not run because Runlab's own sandbox has no disk space left.");
    assertThat(r.mayRunElsewhere()).isTrue();
    assertThat(engine.availability().available()).isFalse();
    assertThat(engine.availability().reason()).startsWith("Runlab's own sandbox has no disk space left (" + mount);

    Files.delete(filler);

    assertThat(awaitAvailable(engine, 20).available()).as(engine.availability().reason()).isTrue();
    assertOk("space is back");
  }

  @Test
  void aReadOnlyWorkRootGivesAClearVerdictAndHealsWhenWritableAgain() throws Exception {
    // A read-only bind over the work root: the engine's open lock file keeps the tmpfs itself busy.
    Path work = mount.resolve("work");
    sh("mount", "--bind", work.toString(), work.toString());
    sh("mount", "-o", "remount,bind,ro", work.toString());

    RunResult r = hello(engine, "read-only");
    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(r.notices()).contains("Your program could not run because Runlab's own sandbox cannot write its work"
        + " directory.");
    assertThat(engine.availability().reason()).contains("cannot write its work directory").contains("Read-only");

    sh("umount", work.toString());

    assertThat(awaitAvailable(engine, 20).available()).as(engine.availability().reason()).isTrue();
    assertOk("writable again");
  }

  private void assertOk(String text) {
    RunResult r = hello(engine, text);
    assertThat(r.verdict()).as("%s: %s", r.notices(), engine.availability().reason()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo(text + "\n");
  }

  /** Writes until the file system says it is full. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left");
    }
  }

  private static void sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
