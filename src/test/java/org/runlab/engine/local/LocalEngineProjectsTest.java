package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runlab.engine.local.SandboxFixture.engine;
import static org.runlab.engine.local.SandboxFixture.quick;
import static org.runlab.engine.local.SandboxFixture.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputFile;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.platform.TestConfig;

/** Ordinary programs: multi-file projects, stdin, requirements, plots, streaming, parallel runs. */
class LocalEngineProjectsTest {

  @Test
  void importsAHelperModuleAndAPackageFromTheProject() {
    RunResult r =
        run(List.of(
                new ProjectFile("main.py", "import helper\nfrom pkg.tools import twice\n"
                    + "print(helper.greet('Ada'), twice(21))"),
                new ProjectFile("helper.py", "def greet(n):\n    return 'hello ' + n\n"),
                new ProjectFile("pkg/__init__.py", ""),
                new ProjectFile("pkg/tools.py", "def twice(x):\n    return 2 * x\n")),
            "", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("hello Ada 42\n");
  }

  @Test
  void runsAnEntryInASubfolderLikePythonWouldFromTheProjectRoot() {
    RunResult r =
        SandboxFixture.engine()
            .run(new RunSpec(List.of(
                    new ProjectFile("app/main.py",
                        "import os, sys, tools\nprint(tools.NAME, os.getcwd(), sys.path[0], __file__)"),
                    new ProjectFile("app/tools.py", "NAME = 'tools'\n")),
                    "app/main.py", "", quick(), "t"), OutputSink.NONE, new Cancellation());
    assertThat(r.stdout()).isEqualTo("tools /work /work/app /work/app/main.py\n");
  }

  @Test
  void readsStdinLineByLine() {
    RunResult r =
        run(List.of(new ProjectFile("main.py",
                "name = input('name? ')\nrest = [int(l) for l in __import__('sys').stdin]\n"
                    + "print(name, sum(rest))")),
            "Ada\n1\n2\n3\n", quick());
    assertThat(r.stdout()).isEqualTo("name? Ada 6\n");
  }

  @Test
  void readsADataFileAndWritesUnicode() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "print(open('data/notes.txt').read().upper())"),
                new ProjectFile("data/notes.txt", "naïve café ✓")),
            "", quick());
    assertThat(r.stdout()).isEqualTo("NAÏVE CAFÉ ✓\n");
  }

  @Test
  void runsNumpyPandasAndMultiprocessingUnderTheFilter() {
    RunResult r =
        run("import numpy as np, pandas as pd\nfrom multiprocessing import Pool\n"
            + "def sq(x):\n    return x * x\n"
            + "if __name__ == '__main__':\n    with Pool(2) as p:\n        s = sum(p.map(sq, range(10)))\n"
            + "    df = pd.DataFrame({'a': np.arange(4)})\n    print(s, int(df.a.sum()))\n",
            quick());
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("285 6\n");
  }

  @Test
  void returnsAMatplotlibPlotFromOut() {
    RunResult r =
        run("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\n"
            + "plt.savefig('out/plot.png')\nprint('saved')\n",
            quick().withWallTime(Duration.ofSeconds(20)).withCpuTime(Duration.ofSeconds(20)));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    // The figure left open comes back as a plot too, as the browser and E2B show it.
    assertThat(r.files()).extracting(OutputFile::path).containsExactly("out/plot-1.png", "out/plot.png");
    assertThat(r.files()).allSatisfy(f -> {
      assertThat(f.mediaType()).isEqualTo("image/png");
      assertThat(new String(f.content(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    });
  }

  @Test
  void pltShowAndFiguresLeftOpenComeBackAsPngPlots() {
    RunResult r =
        run("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\n"
            + "plt.figure()\nplt.bar(['a', 'b'], [3, 1])\nprint('two figures')\n",
            quick().withWallTime(Duration.ofSeconds(20)).withCpuTime(Duration.ofSeconds(20)));
    assertThat(r.verdict()).as(r.stderr()).isEqualTo(Verdict.OK);
    assertThat(r.files()).extracting(OutputFile::path).containsExactly("out/plot-1.png", "out/plot-2.png");
    assertThat(r.files()).extracting(OutputFile::mediaType).containsOnly("image/png");
  }

  @Test
  void filesWrittenAnywhereInTheWorkDirectoryComeBackButUnchangedProjectFilesDoNot() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "open('chart.csv', 'w').write('a,b')\n"
                + "import os\nos.makedirs('results/deep', exist_ok=True)\n"
                + "open('results/deep/x.txt', 'w').write('x')\nopen('data.txt', 'a').write('+more')\n"),
                new ProjectFile("data.txt", "given"), new ProjectFile("notes.txt", "untouched")),
            "", quick());
    assertThat(r.verdict()).as(r.stderr()).isEqualTo(Verdict.OK);
    assertThat(r.files()).extracting(OutputFile::path)
        .containsExactly("chart.csv", "data.txt", "results/deep/x.txt");
    assertThat(new String(r.files().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("given+more");
  }

  @Test
  void aTracebackNamesTheLearnersFilesAsTheySeeThemWithTheirLines() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "from utils.helpers import divide\n\nprint(divide(1, 0))\n"),
                new ProjectFile("utils/helpers.py", "def divide(a, b):\n    return a / b\n")),
            "", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.stderr())
        .startsWith("Traceback (most recent call last):\n")
        .contains("File \"main.py\", line 3, in <module>", "File \"utils/helpers.py\", line 2, in divide",
            "ZeroDivisionError: division by zero")
        .doesNotContain("/work", "runner");
  }

  @Test
  void aSyntaxErrorNamesTheFileAsTheLearnerSeesIt() {
    RunResult r = run("print('open'\n");
    assertThat(r.stderr()).contains("File \"main.py\", line 1").contains("SyntaxError").doesNotContain("/work");
  }

  @Test
  void inputPastTheGivenLinesSaysWhy() {
    RunResult r = run(List.of(new ProjectFile("main.py", "a = input()\nb = input()\n")), "one\n", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("EOFError: EOF when reading a line: the program asked for more input than it"
        + " was given");
  }

  @Test
  void anInteractiveRunAsksForInputAndTakesWhatTheLearnerTypes() throws Exception {
    ProgramInput input = ProgramInput.interactive();
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    OutputSink sink = new OutputSink() {
      @Override
      public void stdout(String chunk) {
        events.add("out:" + chunk);
      }

      @Override
      public void stderr(String chunk) {
        events.add("err:" + chunk);
      }

      @Override
      public void awaitingInput() {
        events.add("input");
        input.send(events.stream().filter("input"::equals).count() == 1 ? "Ada\n" : "1815\n");
      }
    };
    RunResult r = engine().run(new RunSpec(List.of(new ProjectFile("main.py",
            "name = input('Name? ')\nyear = int(input('Year? '))\nprint('Hi', name, year + 1)\n")),
            "main.py", "", quick().withWallTime(Duration.ofSeconds(3)), "t"), sink, new Cancellation(), input);
    assertThat(r.verdict()).as(r.stderr()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("Name? Year? Hi Ada 1816\n");
    assertThat(r.stderr()).isEmpty();
    assertThat(events.stream().filter("input"::equals)).hasSize(2);
    assertThat(input.isOpen()).isFalse();
  }

  @Test
  void timeSpentWaitingForTheLearnersInputDoesNotCountAgainstTheWallTime() throws Exception {
    ProgramInput input = ProgramInput.interactive();
    OutputSink sink = new OutputSink() {
      @Override
      public void stdout(String chunk) {}

      @Override
      public void stderr(String chunk) {}

      @Override
      public void awaitingInput() {
        CompletableFuture.delayedExecutor(1500, java.util.concurrent.TimeUnit.MILLISECONDS)
            .execute(() -> input.send("late\n"));
      }
    };
    RunResult r = engine().run(new RunSpec(List.of(new ProjectFile("main.py", "print(input())\n")),
            "main.py", "", quick().withWallTime(Duration.ofSeconds(1)), "t"), sink, new Cancellation(), input);
    assertThat(r.verdict()).as(r.stderr()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("late\n");
  }

  @Test
  void endingTheInputGivesTheProgramEndOfFile() {
    ProgramInput input = ProgramInput.interactive();
    input.send("a\nb\n");
    input.end();
    RunResult r = engine().run(new RunSpec(List.of(new ProjectFile("main.py",
            "import sys\nprint(len(sys.stdin.read().split()))\n")),
            "main.py", "", quick(), "t"), OutputSink.NONE, new Cancellation(), input);
    assertThat(r.stdout()).isEqualTo("2\n");
  }

  @Test
  void boundsHowManyOutputFilesComeBack() {
    RunResult r = run("for i in range(30):\n    open(f'out/f{i:02}.txt', 'w').write(str(i))\n");
    assertThat(r.files()).hasSize(LocalEngineSettings.from(TestConfig.defaults()).maxOutputFiles());
    assertThat(r.notices())
        .containsExactly("10 more files the program wrote were not returned: at most 20 files are.");
  }

  @Test
  void warnsAboutAFileShadowingAStandardModule() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "import random\nprint(random.VALUE)"),
                new ProjectFile("random.py", "VALUE = 4\n")),
            "", quick());
    assertThat(r.stdout()).isEqualTo("4\n");
    assertThat(r.notices()).singleElement().asString()
        .contains("'random.py'").contains("standard module 'random'");
  }

  @Test
  void runsWhenEveryRequirementIsMet() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "import pandas\nprint('ok')"),
                new ProjectFile("requirements.txt", "# data\nnumpy>=1.20\npandas\nrequests<3\n")),
            "", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("ok\n");
  }

  @Test
  void refusesUnmetRequirementsWithOneMessageEach() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "print('never')"),
                new ProjectFile("requirements.txt",
                    "pandas==2.1.0\ntorch\nnumpy\n-e ./mylib\n--index-url http://mirror.invalid/simple\n"
                        + "thing @ http://files.invalid/thing.whl\n")),
            "", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.notices())
        .containsExactly(
            "pandas 1.5.3 is installed, but ==2.1.0 was requested",
            "torch is not available on this server",
            "requirements.txt line 4: editable installs ('-e ./mylib') are not supported; list the"
                + " package by name",
            "requirements.txt line 5: pip options such as '--index-url' are not supported on this"
                + " server",
            "requirements.txt line 6: installing from a URL ('thing @ http://files.invalid/thing.whl')"
                + " is not supported; list the package by name");
  }

  @Test
  void refusesAPathThatClimbsOutOfTheProject() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "print(1)"), new ProjectFile("../evil.py", "")),
            "", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).singleElement().asString().contains("'../evil.py'");
  }

  @Test
  void streamsOutputToTheSinkWhileRunning() {
    List<String> chunks = new ArrayList<>();
    OutputSink sink =
        new OutputSink() {
          @Override
          public synchronized void stdout(String chunk) {
            chunks.add(chunk);
          }

          @Override
          public void stderr(String chunk) {}
        };
    RunResult r =
        engine().run(new RunSpec(List.of(new ProjectFile("main.py",
                "import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.1)\n")),
                "main.py", "", quick(), "t"), sink, new Cancellation());
    assertThat(r.stdout()).isEqualTo("0\n1\n2\n");
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("", chunks)).isEqualTo("0\n1\n2\n");
  }

  @Test
  void cancellationStopsARunningProgram() throws Exception {
    Cancellation cancellation = new Cancellation();
    CompletableFuture<RunResult> running =
        CompletableFuture.supplyAsync(
            () -> engine().run(new RunSpec(List.of(new ProjectFile("main.py",
                    "import time\nprint('started', flush=True)\ntime.sleep(30)")),
                    "main.py", "", quick(), "t"), OutputSink.NONE, cancellation));
    Thread.sleep(300);
    cancellation.cancel();
    RunResult r = running.get();
    assertThat(r.verdict()).isEqualTo(Verdict.CANCELLED);
    assertThat(r.wallTimeMs()).isLessThan(3000);
  }

  @Test
  void sixteenParallelRunsDoNotSeeEachOther() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<RunResult>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String me = "run" + i;
        results.add(callers.submit(() -> run(List.of(
                new ProjectFile("main.py",
                    "import os, sys, time\nopen('/tmp/who', 'w').write(sys.stdin.read())\n"
                        + "open('mine.txt', 'w').write(open('id.txt').read())\ntime.sleep(0.3)\n"
                        + "print(open('/tmp/who').read(), open('mine.txt').read(), "
                        + "sorted(os.listdir('.')))"),
                new ProjectFile("id.txt", me)),
            me, Limits.defaults())));
      }
      for (int i = 0; i < 16; i++) {
        RunResult r = results.get(i).get();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.stdout())
            .isEqualTo("run" + i + " run" + i + " ['id.txt', 'main.py', 'mine.txt', 'out']\n");
      }
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void numpyUnderASmallMemoryLimitFallsBackToABareSandbox() {
    RunResult r = run("import numpy\nprint('loaded')", quick().withMemoryBytes(24L << 20));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.peakMemoryBytes()).isLessThanOrEqualTo(24L << 20);
  }

  @Test
  void aMemoryLimitTooSmallForPythonIsAMemoryLimitNotAnEngineError() {
    RunResult r = run("print('never')", quick().withMemoryBytes(2L << 20));
    assertThat(r.verdict()).isEqualTo(Verdict.MEMORY_LIMIT);
    assertThat(r.notices()).anyMatch(n -> n.contains("2 MiB is too small"));
  }

  @Test
  void learnerCodeDoesNotSeeTheRunnersDirectoryOnItsPath() {
    RunResult r =
        run(List.of(new ProjectFile("main.py", "import sys\nprint(sys.path[0], '/opt/runlab' in sys.path)"),
                new ProjectFile("requirements.txt", "numpy\n")),
            "", quick());
    assertThat(r.stdout()).isEqualTo("/work False\n");
  }

  @Test
  void reportsPeakMemoryAndCpuTimeFromTheCgroup() {
    RunResult r =
        run("x = bytearray(100 * 1024 * 1024)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\n"
            + "s = 0\nfor i in range(3_000_000):\n    s += i\n",
            quick());
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.peakMemoryBytes()).isBetween(100L << 20, 160L << 20);
    assertThat(r.cpuTimeMs()).isGreaterThan(50);
  }
}
