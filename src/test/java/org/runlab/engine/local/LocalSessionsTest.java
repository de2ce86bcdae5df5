package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

/** Server sessions on the local engine (real bubblewrap): warm state kept per learner, then let go. */
class LocalSessionsTest {
  private static final InstallPolicy MAY_INSTALL = new InstallPolicy(true, Duration.ofSeconds(60));
  private static Path wheelhouse;
  private static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    wheelhouse = TestWheelhouse.build(Files.createTempDirectory("runlab-wheelhouse-"), List.of(
        new TestWheelhouse.Package("omega", "3.1", List.of(), "NAME = 'omega 3.1'\n")));
    engine = LocalEngine.start(
        SandboxFixture.isolated("sessions").withPools(1, 0).withWheelhouse(wheelhouse, 64L << 20));
    assertThat(engine.availability().available()).as(engine.availability().reason()).isTrue();
  }

  @AfterAll
  static void stop() {
    engine.close();
    SandboxProcess.deleteTree(wheelhouse);
  }

  private static RunResult run(String owner, Duration idle, OutputSink sink, ProjectFile... files) {
    return engine.run(new RunSpec(List.of(files), "main.py", "", SandboxFixture.quick(), owner, idle, MAY_INSTALL,
        Environment.NONE), sink, new Cancellation());
  }

  @Test
  void aLaterRunOfTheSameLearnerFindsTheFilesAndPackagesOfTheEarlierOne() {
    Duration idle = Duration.ofMinutes(5);
    RunResult first = run("ada", idle, OutputSink.NONE,
        new ProjectFile("main.py", "import omega\nopen('notes.txt', 'w').write('kept')\nprint(omega.NAME)"),
        new ProjectFile("requirements.txt", "omega\n"));
    assertThat(first.verdict()).isEqualTo(Verdict.OK);
    assertThat(first.sessionKeptSeconds()).isEqualTo(300);

    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    RunResult second = run("ada", idle, progressTo(progress),
        new ProjectFile("main.py", "import omega\nprint(open('notes.txt').read(), omega.NAME)"));
    assertThat(second.stdout()).isEqualTo("kept omega 3.1\n");
    assertThat(second.files()).as("an unchanged kept file is not output again").isEmpty();
    assertThat(progress).as("nothing installed again").isEmpty();
  }

  @Test
  void anotherLearnerDoesNotSeeTheSession() {
    run("grace", Duration.ofMinutes(5), OutputSink.NONE,
        new ProjectFile("main.py", "open('secret.txt', 'w').write('mine')"));
    RunResult other = run("linus", Duration.ofMinutes(5), OutputSink.NONE,
        new ProjectFile("main.py", "import os\nprint(os.path.exists('secret.txt'))"));
    assertThat(other.stdout()).isEqualTo("False\n");
  }

  @Test
  void aSessionEndsAfterItsIdleTime() throws Exception {
    run("alan", Duration.ofSeconds(1), OutputSink.NONE,
        new ProjectFile("main.py", "open('state.txt', 'w').write('x')"));
    Thread.sleep(1500);
    RunResult later = run("alan", Duration.ofSeconds(1), OutputSink.NONE,
        new ProjectFile("main.py", "import os\nprint(os.path.exists('state.txt'))"));
    assertThat(later.stdout()).isEqualTo("False\n");
  }

  @Test
  void aTierWithoutIdleTimeKeepsNoSession() {
    RunResult r = run("edsger", Duration.ZERO, OutputSink.NONE,
        new ProjectFile("main.py", "open('state.txt', 'w').write('x')"));
    assertThat(r.sessionKeptSeconds()).isZero();
    RunResult again = run("edsger", Duration.ZERO, OutputSink.NONE,
        new ProjectFile("main.py", "import os\nprint(os.path.exists('state.txt'))"));
    assertThat(again.stdout()).isEqualTo("False\n");
  }

  private static OutputSink progressTo(List<String> messages) {
    return new OutputSink() {
      @Override
      public void stdout(String chunk) { }

      @Override
      public void stderr(String chunk) { }

      @Override
      public void progress(String message) {
        messages.add(message);
      }
    };
  }
}
