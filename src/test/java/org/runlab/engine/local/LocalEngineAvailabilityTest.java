package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/** The engine reports itself down, and runs nothing, when it cannot sandbox. */
class LocalEngineAvailabilityTest {
  @TempDir Path emptyCgroupRoot;

  private static RunResult tryToRun(LocalEngine engine, Path proof) {
    return engine.run(
        new RunSpec(List.of(new ProjectFile("main.py", "open('" + proof + "', 'w').write('ran')")),
            "main.py", "", Limits.defaults(), "t"),
        OutputSink.NONE, new Cancellation());
  }

  @Test
  void isUnavailableWithoutBubblewrapAndRunsNothing() throws Exception {
    Path proof = emptyCgroupRoot.resolve("proof");
    LocalEngineSettings settings =
        SandboxFixture.isolated("nobwrap")
            .withTools(Path.of("/nonexistent/bwrap"), Path.of("/sys/fs/cgroup"));
    try (LocalEngine engine = LocalEngine.start(settings)) {
      assertThat(engine.availability().available()).isFalse();
      assertThat(engine.availability().reason()).contains("/nonexistent/bwrap is missing");
      RunResult r = tryToRun(engine, proof);
      assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
      assertThat(Files.exists(proof)).isFalse();
    }
  }

  @Test
  void isUnavailableWhenCgroupsAreUnusableAndRunsNothing() throws Exception {
    Path proof = emptyCgroupRoot.resolve("proof");
    LocalEngineSettings settings =
        SandboxFixture.isolated("nocg")
            .withTools(Path.of("/usr/bin/bwrap"), emptyCgroupRoot);
    try (LocalEngine engine = LocalEngine.start(settings)) {
      assertThat(engine.availability().available()).isFalse();
      assertThat(engine.availability().reason()).contains("no usable cgroups");
      assertThat(tryToRun(engine, proof).verdict()).isEqualTo(Verdict.ENGINE_ERROR);
      assertThat(Files.exists(proof)).isFalse();
    }
  }

  @Test
  void removesEachRunsCgroupAfterTheRun() throws Exception {
    LocalEngineSettings settings =
        SandboxFixture.isolated("after")
            .withPools(0, 0);
    try (LocalEngine engine = LocalEngine.start(settings)) {
      RunResult r =
          engine.run(new RunSpec(List.of(new ProjectFile("main.py", "print('cold')")), "main.py",
              "", Limits.defaults(), "t"), OutputSink.NONE, new Cancellation());
      assertThat(r.stdout()).isEqualTo("cold\n");
      Path parent = Path.of("/sys/fs/cgroup/pids", SandboxFixture.cgroupParent("after"), engine.instance());
      for (int i = 0; i < 50 && children(parent) > 0; i++) {
        Thread.sleep(50);
      }
      assertThat(children(parent)).isZero();
      assertThat(children(SandboxFixture.workRoot("after").resolve(engine.instance()))).isEqualTo(2); // assets, environments
    }
  }

  private static long children(Path dir) throws Exception {
    try (var list = Files.list(dir)) {
      return list.filter(Files::isDirectory).count();
    }
  }
}
