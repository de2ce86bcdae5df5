package org.runlab.engine.e2b;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.platform.TestConfig;

/** Whole runs through the engine against the fake, with real Python. */
class E2bEngineTest {
  private FakeE2b fake;
  private E2bSessionPool pool;
  private E2bEngine engine;
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final RecordingLeases leases = new RecordingLeases();

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    engine = engine(Map.of());
  }

  private E2bEngine engine(Map<String, String> overrides) {
    if (pool != null) {
      pool.killAll();
    }
    E2bSettings s = E2bTestSupport.settings(fake, new HashMap<>(overrides));
    E2bClient client = E2bTestSupport.client(s);
    pool = new E2bSessionPool(client, s, Instant::now, leases);
    return new E2bEngine(s, client, pool, leases, alerts::add);
  }

  @AfterEach
  void stop() {
    pool.killAll();
    assertThat(fake.liveSandboxIds()).isEmpty();
    fake.close();
    assertThat(fake.livePythonProcesses()).isZero();
  }

  private static RunSpec spec(String main, ProjectFile... more) {
    List<ProjectFile> files = new java.util.ArrayList<>(List.of(new ProjectFile("main.py", main)));
    files.addAll(List.of(more));
    return new RunSpec(files, "main.py", "", Limits.defaults(), "ana", E2bTestSupport.IDLE);
  }

  private RunResult run(RunSpec spec) {
    return engine.run(spec, OutputSink.NONE, new Cancellation());
  }

  @Test
  void runsAMultiFileProjectAndStreamsItsOutput() {
    StringBuilder streamed = new StringBuilder();
    OutputSink sink = new OutputSink() {
      @Override
      public void stdout(String chunk) {
        streamed.append(chunk);
      }

      @Override
      public void stderr(String chunk) {}
    };
    RunSpec spec = spec("import helper\nprint(helper.greet(input()))",
        new ProjectFile("helper.py", "def greet(n):\n    return 'hello ' + n\n"));
    spec = new RunSpec(spec.files(), "main.py", "world\n", spec.limits(), "ana", E2bTestSupport.IDLE);

    RunResult r = engine.run(spec, sink, new Cancellation());

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("hello world\n");
    assertThat(streamed.toString()).isEqualTo("hello world\n");
    assertThat(r.engine()).isEqualTo(EngineId.E2B);
  }

  @Test
  void editedModuleIsReloadedOnTheNextRun() {
    run(spec("import helper\nprint(helper.X)", new ProjectFile("helper.py", "X = 1\n")));

    RunResult r = run(spec("import helper\nprint(helper.X)", new ProjectFile("helper.py", "X = 2\n")));

    assertThat(r.stdout()).isEqualTo("2\n");
  }

  @Test
  void uncaughtExceptionIsARuntimeErrorWithTheLearnersTraceback() {
    RunResult r = run(spec("x = 1\ny = 0\nprint(x / y)\n"));

    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.stderr())
        .startsWith("Traceback (most recent call last):\n")
        .contains("main.py\", line 3")
        .endsWith("ZeroDivisionError: division by zero\n")
        .doesNotContain("runpy", "/project/");
  }

  @Test
  void aTracebackThroughAModuleNamesEachFileAsTheLearnerSeesIt() {
    RunResult r = run(spec("from utils.helpers import half\n\nhalf(1)\n",
        new ProjectFile("utils/helpers.py", "def half(n):\n    return n / 0\n")));

    assertThat(r.stderr())
        .contains("File \"main.py\", line 3, in <module>", "File \"utils/helpers.py\", line 2, in half")
        .doesNotContain("/project/", "_runlab");
  }

  @Test
  void inputReadsTheGivenLinesAndSaysWhereInputComesFromWhenTheyRunOut() {
    RunSpec spec = spec("a = input('A? ')\nprint('got', a)\nb = input()\n");
    spec = new RunSpec(spec.files(), "main.py", "one\n", spec.limits(), "ana", E2bTestSupport.IDLE);

    RunResult r = run(spec);

    assertThat(r.stdout()).isEqualTo("A? got one\n");
    assertThat(r.stderr()).contains("File \"main.py\", line 3", "EOFError",
        "input() reads the lines given before the run");
  }

  @Test
  void filesWrittenAnywhereInTheProjectComeBackButUnchangedOnesDoNot() {
    RunResult r = run(spec("import os\nos.makedirs('res', exist_ok=True)\nopen('res/a.txt', 'w').write('A')\n"
        + "open('top.csv', 'w').write('1,2')\n", new ProjectFile("data.txt", "same")));

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.files()).extracting(f -> f.path()).containsExactly("res/a.txt", "top.csv");
    assertThat(new String(r.files().get(1).content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("1,2");
    assertThat(r.files().get(1).mediaType()).isEqualTo("text/csv");

    RunResult again = run(spec("print('nothing written')\n", new ProjectFile("data.txt", "same")));
    assertThat(again.files()).isEmpty();
  }

  @Test
  void sysExitCodeIsReported() {
    RunResult r = run(spec("import sys\nprint('bye')\nsys.exit(3)"));

    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("bye\n");
  }

  @Test
  void plotsComeBackAsPngFiles() {
    RunResult r = run(spec("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"));

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("out/plot-1.png");
      assertThat(f.mediaType()).isEqualTo("image/png");
      assertThat(f.content()).startsWith(0x89, 'P', 'N', 'G');
    });
  }

  @Test
  void wallTimeLimitStopsTheRunAndTheSessionStaysUsable() {
    RunSpec slow = spec("import time\nprint('start', flush=True)\ntime.sleep(30)");
    slow = new RunSpec(slow.files(), "main.py", "", Limits.defaults().withWallTime(Duration.ofMillis(800)), "ana",
        E2bTestSupport.IDLE);

    RunResult r = run(slow);
    RunResult after = run(spec("print('next')"));

    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(r.stdout()).isEqualTo("start\n");
    assertThat(after.stdout()).isEqualTo("next\n");
  }

  @Test
  void outputLimitCutsTheRun() {
    RunSpec loud = spec("while True:\n    print('x' * 100)");
    loud = new RunSpec(loud.files(), "main.py", "", Limits.defaults().withOutputBytes(1000), "ana",
        E2bTestSupport.IDLE);

    RunResult r = run(loud);

    assertThat(r.verdict()).isEqualTo(Verdict.OUTPUT_LIMIT);
    assertThat(r.stdout()).hasSize(1000);
    assertThat(r.stdoutTruncated()).isTrue();
  }

  @Test
  void failingRequirementsAreShownLineByLine() {
    RunResult r = run(spec("print('never')", new ProjectFile("requirements.txt", "surely-not-a-package-xyz==1.0\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.notices().get(0)).startsWith("Installing requirements.txt failed (pip exit code");
    assertThat(r.notices()).anySatisfy(l -> assertThat(l).contains("surely-not-a-package-xyz"));
    assertThat(r.stderr()).contains("requirements.txt: ");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void satisfiedRequirementsLetTheRunProceed() {
    RunResult r = run(spec("import numpy\nprint(numpy.arange(3).sum())", new ProjectFile("requirements.txt", "numpy\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("3\n");
  }

  @Test
  void deadSandboxIsRecreatedAndTheFilesReplayed() {
    RunResult first = run(spec("print(open('data.txt').read())", new ProjectFile("data.txt", "kept")));
    String died = pool.sessionOf("ana").orElseThrow().sandbox().id();
    fake.killFromOutside(died);

    RunResult second = run(spec("print(open('data.txt').read())", new ProjectFile("data.txt", "kept")));

    assertThat(first.stdout()).isEqualTo("kept\n");
    assertThat(second.verdict()).isEqualTo(Verdict.OK);
    assertThat(second.stdout()).isEqualTo("kept\n");
    assertThat(pool.sessionOf("ana").orElseThrow().sandbox().id()).isNotEqualTo(died);
  }

  @Test
  void unauthorizedDisablesTheEngineAndAlertsAnAdmin() {
    fake.faults.unauthorized = true;

    RunResult r = run(spec("print(1)"));

    assertThat(r.verdict()).isEqualTo(Verdict.ENGINE_ERROR);
    assertThat(engine.availability().available()).isFalse();
    assertThat(alerts).singleElement().asString().contains("API key");
  }

  @Test
  void withoutAnApiKeyTheEngineIsOff() {
    E2bSettings off = E2bSettings.from(TestConfig.defaults());

    assertThat(off.configured()).isFalse();
    E2bEngine e = new E2bEngine(off, null, null, LeaseRecorder.NONE, alerts::add);
    assertThat(e.availability().available()).isFalse();
    assertThat(e.availability().reason()).contains("not configured");
  }

  @Test
  void eachRunIsRecordedAgainstItsLease() {
    RunResult r = run(spec("print(1)"));

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.leaseId()).isEqualTo(pool.sessionOf("ana").orElseThrow().lease().id());
  }

  @Test
  void pathsLeavingTheProjectAreRefused() {
    RunResult r = run(spec("print(1)", new ProjectFile("../../etc/evil.py", "x")));

    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(fake.liveSandboxIds()).isEmpty();
  }

  @Test
  void cancelledRunStopsAndTheNextRunWorks() {
    Cancellation c = new Cancellation();
    // print() may arrive as "go" and "\n" apart; cancel once the whole line is in, so what the run
    // kept before the cancel is known.
    StringBuilder seen = new StringBuilder();
    OutputSink cancelOnFirstOutput = new OutputSink() {
      @Override
      public synchronized void stdout(String chunk) {
        boolean lineBefore = seen.indexOf("\n") >= 0;
        seen.append(chunk);
        if (!lineBefore && seen.indexOf("\n") >= 0) {
          new Thread(c::cancel).start();
        }
      }

      @Override
      public void stderr(String chunk) {}
    };

    RunResult r = engine.run(spec("import time\nprint('go', flush=True)\ntime.sleep(30)"), cancelOnFirstOutput, c);
    RunResult next = run(spec("print('again')"));

    assertThat(r.verdict()).isEqualTo(Verdict.CANCELLED);
    assertThat(r.stdout()).isEqualTo("go\n");
    assertThat(next.stdout()).isEqualTo("again\n");
  }
}
