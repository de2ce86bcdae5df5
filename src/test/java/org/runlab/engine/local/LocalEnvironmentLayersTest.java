package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Environment;
import org.runlab.engine.InstallPolicy;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/**
 * Requirements installed from a wheelhouse built in the test (real pip, real bubblewrap): the
 * install, its per-line errors and time limit, the cached layer and its eviction.
 */
class LocalEnvironmentLayersTest {
  private static final InstallPolicy MAY_INSTALL = new InstallPolicy(true, Duration.ofSeconds(60));
  private static Path wheelhouse;
  private static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    wheelhouse = TestWheelhouse.build(Files.createTempDirectory("runlab-wheelhouse-"), List.of(
        new TestWheelhouse.Package("alpha", "1.0", List.of(), "NAME = 'alpha 1.0'\n"),
        new TestWheelhouse.Package("beta", "2.0", List.of("alpha>=1.0"),
            "import alpha\nNAME = 'beta 2.0 on ' + alpha.NAME\n"),
        new TestWheelhouse.Package("gamma", "1.0", List.of("alpha>=2"), "NAME = 'gamma'\n"),
        new TestWheelhouse.Package("delta", "0.5", List.of(), "NAME = 'delta'\n"),
        new TestWheelhouse.Package("bulky", "1.0", List.of(), "NAME = 'bulky'\n", 3000)));
    engine = LocalEngine.start(
        SandboxFixture.isolated("layers").withPools(1, 0).withWheelhouse(wheelhouse, 64L << 20));
    assertThat(engine.availability().available()).as(engine.availability().reason()).isTrue();
  }

  @AfterAll
  static void stop() {
    engine.close();
    SandboxProcess.deleteTree(wheelhouse);
  }

  private static RunResult run(String requirements, String program, InstallPolicy policy, OutputSink sink) {
    return engine.run(new RunSpec(List.of(new ProjectFile("main.py", program),
            new ProjectFile("requirements.txt", requirements)), "main.py", "", SandboxFixture.quick(), "learner",
            Duration.ZERO, policy, Environment.NONE), sink, new Cancellation());
  }

  @Test
  void installsRequirementsAndTheirDependenciesFromTheWheelhouse() {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    RunResult r = run("beta==2.0\n", "import beta\nprint(beta.NAME)", MAY_INSTALL, SandboxFixture.progressTo(progress));
    assertThat(r.notices()).isEmpty();
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("beta 2.0 on alpha 1.0\n");
    assertThat(progress).first().isEqualTo("Installing 1 package…");
    assertThat(progress).anyMatch(p -> p.startsWith("Successfully installed alpha-1.0 beta-2.0"));
  }

  @Test
  void saysWhichLineNamesAPackageTheWheelhouseLacks() {
    RunResult r = run("alpha\nnosuchthing>=1\n", "print(1)", MAY_INSTALL, OutputSink.NONE);
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).containsExactly(
        "requirements.txt line 2: 'nosuchthing' is not in this server's wheelhouse");
  }

  @Test
  void saysWhichVersionsTheWheelhouseHas() {
    RunResult r = run("delta==9.9\n", "print(1)", MAY_INSTALL, OutputSink.NONE);
    assertThat(r.notices()).containsExactly("requirements.txt line 1: no version of 'delta' matching ==9.9"
        + " is in this server's wheelhouse (it has 0.5)");
  }

  @Test
  void namesBothLinesOfAVersionConflict() {
    RunResult r = run("alpha==1.0\ngamma\n", "print(1)", MAY_INSTALL, OutputSink.NONE);
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).hasSize(2);
    assertThat(r.notices().get(0)).startsWith("requirements.txt line 1: 'alpha==1.0' conflicts with another"
        + " requirement (").contains("gamma 1.0 depends on alpha>=2");
    assertThat(r.notices().get(1)).startsWith("requirements.txt line 2: 'gamma' conflicts");
  }

  @Test
  void refusesALineItCannotParseBeforeRunningPip() {
    RunResult r = run("alpha\nbad line!!\n-r other.txt\nhttps://example.org/x.whl\n", "print(1)", MAY_INSTALL,
        OutputSink.NONE);
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).containsExactly(
        "requirements.txt line 2: 'bad line!!' is not a valid requirement (write a package name, optionally"
            + " with a version such as ==1.2 or >=1.0)",
        "requirements.txt line 3: pip options such as '-r' are not supported on this server",
        "requirements.txt line 4: installing from a URL ('https://example.org/x.whl') is not supported;"
            + " list the package by name");
  }

  @Test
  void stopsAnInstallThatTakesLongerThanItsLimit() {
    // pip alone takes longer than a tenth of a second to start, however quiet the host.
    RunResult r = run("bulky\n", "print(1)", new InstallPolicy(true, Duration.ofMillis(100)), OutputSink.NONE);
    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(r.notices()).containsExactly("installing took longer than 0.1 s");
    assertThat(engine.environments().isCached("bulky")).isFalse();
  }

  @Test
  void keepsCheckingAgainstDebianForATierThatMayNotInstall() {
    RunResult r = run("alpha\n", "print(1)", InstallPolicy.NONE, OutputSink.NONE);
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).containsExactly("alpha is not available on this server");
  }

  @Test
  void reusesTheCachedLayerForTheSameRequirementsInAnyOrderOrSpelling() {
    List<String> first = Collections.synchronizedList(new ArrayList<>());
    RunResult a = run("delta\nAlpha==1.0  # pinned\n", "import alpha, delta\nprint(alpha.NAME)", MAY_INSTALL,
        SandboxFixture.progressTo(first));
    List<String> second = Collections.synchronizedList(new ArrayList<>());
    RunResult b = run("alpha == 1.0\n\ndelta\n", "import delta\nprint(delta.NAME)", MAY_INSTALL,
        SandboxFixture.progressTo(second));
    assertThat(a.stdout()).isEqualTo("alpha 1.0\n");
    assertThat(b.stdout()).isEqualTo("delta\n");
    assertThat(first).contains("Installing 2 packages…");
    assertThat(second).as("no install the second time").isEmpty();
  }

  @Test
  void buildsOnceWhenTwoRunsAskForTheSameNewLayerAtOnce() throws Exception {
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<String> progress = Collections.synchronizedList(new ArrayList<>());
      List<Future<RunResult>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> run("alpha\nbeta\n", "import beta\nprint(beta.NAME)", MAY_INSTALL,
            SandboxFixture.progressTo(progress))));
      }
      for (Future<RunResult> f : runs) {
        assertThat(f.get().stdout()).isEqualTo("beta 2.0 on alpha 1.0\n");
      }
      assertThat(progress.stream().filter(p -> p.startsWith("Installing 2")).count()).isEqualTo(1);
    } finally {
      two.shutdown();
    }
  }

  @Test
  void aLessonEnvironmentPreparedByAnAdminNeedsNoInstallAtRunTime() throws Exception {
    Environment statistics = new Environment("statistics", "delta\nalpha\n", "");
    LocalEngine.PreparedEnvironment prepared = engine.prepare(statistics, p -> { });
    assertThat(prepared.bytes()).isPositive();

    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    RunResult r = engine.run(new RunSpec(List.of(new ProjectFile("main.py", "import alpha, delta\nprint(delta.NAME)")),
            "main.py", "", SandboxFixture.quick(), "learner", Duration.ZERO, InstallPolicy.NONE, statistics),
        SandboxFixture.progressTo(progress), new Cancellation());
    assertThat(r.verdict()).as(r.notices().toString()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("delta\n");
    assertThat(progress).as("built ahead, nothing installed at run time").isEmpty();
  }

  @Test
  void evictsTheLeastRecentlyUsedLayerBeyondTheCacheSize() throws Exception {
    LocalEngine small = LocalEngine.start(SandboxFixture.isolated("evict").withPools(0, 0)
        .withWheelhouse(wheelhouse, 1)); // one byte: only layers in use are kept
    try {
      EnvironmentLayers layers = small.environments();
      try (EnvironmentLayers.Layer alpha = layers.ensure("alpha", Duration.ofSeconds(60), p -> { })) {
        assertThat(layers.isCached("alpha")).as("held, so kept").isTrue();
      }
      assertThat(layers.isCached("alpha")).as("released beyond the cap").isFalse();
    } finally {
      small.close();
    }
  }
}
