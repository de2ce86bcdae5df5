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
import org.runlab.engine.OutputSink;
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
    assertThat(r.files()).hasSize(1);
    assertThat(r.files().get(0).path()).isEqualTo("out/plot.png");
    assertThat(r.files().get(0).mediaType()).isEqualTo("image/png");
    assertThat(new String(r.files().get(0).content(), 1, 3, StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
  }

  @Test
  void boundsHowManyOutputFilesComeBack() {
    RunResult r = run("for i in range(30):\n    open(f'out/f{i:02}.txt', 'w').write(str(i))\n");
    assertThat(r.files()).hasSize(LocalEngineSettings.from(TestConfig.defaults()).maxOutputFiles());
    assertThat(r.notices())
        .containsExactly("10 more files under out/ were not returned: at most 20 output files are.");
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
