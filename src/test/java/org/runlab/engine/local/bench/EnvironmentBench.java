package org.runlab.engine.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Environment;
import org.runlab.engine.InstallPolicy;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.local.LocalEngine;
import org.runlab.engine.local.LocalEngineSettings;
import org.runlab.engine.local.TestWheelhouse;
import org.runlab.platform.TestConfig;

/**
 * Benchmark of requirements on the local engine, run by bench/local-environments.sh (not a unit
 * test): a run with three small requirements from a wheelhouse built here, first when its layer
 * must be installed, then when it is cached. Each round uses a fresh set (a new version pin), so
 * every first run really installs. Prints a Markdown report.
 */
public final class EnvironmentBench {
  private EnvironmentBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path wheelhouse = Files.createTempDirectory("runlab-bench-wheelhouse-");
    List<TestWheelhouse.Package> packages = new ArrayList<>();
    for (String name : List.of("bench-one", "bench-two", "bench-three")) {
      for (int v = 0; v < rounds; v++) {
        packages.add(new TestWheelhouse.Package(name, "1." + v, List.of(), "VALUE = " + v + "\n", 20));
      }
    }
    LocalEngineSettings settings = LocalEngineSettings.from(TestConfig.defaults())
        .withPlaces(Path.of("/dev/shm/runlab-bench-env"), "runlab-bench-env").withWheelhouse(wheelhouse, 512L << 20);
    List<Long> first = new ArrayList<>();
    List<Long> cached = new ArrayList<>();
    List<Long> bare = new ArrayList<>();
    try (LocalEngine engine = LocalEngine.start(settings)) {
      TestWheelhouse.build(wheelhouse, packages);
      if (!engine.availability().available()) {
        throw new IllegalStateException(engine.availability().reason());
      }
      run(engine, null); // warm-up
      for (int v = 0; v < rounds; v++) {
        String requirements = "bench-one==1." + v + "\nbench-two==1." + v + "\nbench-three==1." + v + "\n";
        bare.add(run(engine, null));
        first.add(run(engine, requirements));
        cached.add(run(engine, requirements));
      }
    } finally {
      deleteTree(wheelhouse);
    }
    System.out.println("| Case | Median (ms) | Min | Max |");
    System.out.println("|---|---|---|---|");
    row("no requirements (warm pool sandbox, for scale)", bare);
    row("three requirements, first run (install into a new layer)", first);
    row("same three requirements, second run (cached layer, cold sandbox with the layer bound)", cached);
    System.out.println();
    System.out.println("Rounds: " + rounds + ", each with its own pinned versions so the first run installs;"
        + " wall time of Engine.run as the caller sees it (install, sandbox start, program).");
  }

  private static long run(LocalEngine engine, String requirements) {
    List<ProjectFile> files = new ArrayList<>();
    files.add(new ProjectFile("main.py", requirements == null ? "print('hi')"
        : "import bench_one, bench_two, bench_three\nprint(bench_one.VALUE + bench_two.VALUE + bench_three.VALUE)"));
    if (requirements != null) {
      files.add(new ProjectFile("requirements.txt", requirements));
    }
    long start = System.nanoTime();
    RunResult r = engine.run(new RunSpec(files, "main.py", "", Limits.defaults(), "bench", Duration.ZERO,
        new InstallPolicy(true, Duration.ofSeconds(120)), Environment.NONE), OutputSink.NONE, new Cancellation());
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (r.verdict() != Verdict.OK) {
      throw new IllegalStateException("run failed: " + r);
    }
    return ms;
  }

  private static void row(String name, List<Long> ms) {
    List<Long> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    System.out.println(String.format(Locale.ROOT, "| %s | %.0f | %d | %d |", name, median, sorted.get(0),
        sorted.get(sorted.size() - 1)));
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
