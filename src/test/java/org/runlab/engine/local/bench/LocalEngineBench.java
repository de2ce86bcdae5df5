package org.runlab.engine.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.local.LocalEngine;
import org.runlab.engine.local.LocalEngineSettings;
import org.runlab.platform.TestConfig;

/**
 * Benchmarks of the local engine, run by bench/local-engine.sh (not a unit test): print('hi')
 * warm and cold against bare python3, interleaved in one run; numpy+pandas warm against cold; and
 * throughput of trivial runs with 8 concurrent callers. Prints a Markdown report.
 */
public final class LocalEngineBench {
  private static final String HI = "print('hi')";
  private static final String NUMPY_PANDAS =
      "import numpy as np\nimport pandas as pd\n"
          + "df = pd.DataFrame({'x': np.arange(1000), 'y': np.random.rand(1000)})\n"
          + "print(round(float(df.groupby(df.x % 10).y.mean().sum()), 3) >= 0)\n";

  private LocalEngineBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int heavyRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int throughputSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    LocalEngineSettings base = LocalEngineSettings.from(TestConfig.defaults());
    try (LocalEngine warm = LocalEngine.start(
            base.withPlaces(Path.of("/dev/shm/runlab-bench-warm"), "runlab-bench-warm"));
        LocalEngine cold = LocalEngine.start(
            base.withPlaces(Path.of("/dev/shm/runlab-bench-cold"), "runlab-bench-cold")
                .withPools(0, 0))) {
      if (!warm.availability().available() || !cold.availability().available()) {
        throw new IllegalStateException(warm.availability().reason());
      }
      List<Long> bare = new ArrayList<>();
      List<Long> warmHi = new ArrayList<>();
      List<Long> coldHi = new ArrayList<>();
      for (int i = 0; i < rounds + 3; i++) {
        // The warm pool refills right after a warm run; measure nothing while it does.
        waitForFullPools(warm, base);
        long b = bare();
        long c = timed(cold, HI);
        long w = timed(warm, HI);
        if (i >= 3) {
          bare.add(b);
          warmHi.add(w);
          coldHi.add(c);
        }
      }
      List<Long> warmHeavy = new ArrayList<>();
      List<Long> coldHeavy = new ArrayList<>();
      for (int i = 0; i < heavyRounds + 1; i++) {
        waitForFullPools(warm, base);
        long c = timed(cold, NUMPY_PANDAS);
        long w = timed(warm, NUMPY_PANDAS);
        if (i >= 1) {
          warmHeavy.add(w);
          coldHeavy.add(c);
        }
      }
      waitForFullPools(warm, base);
      double throughput = throughput(warm, 8, throughputSeconds);

      double mb = median(bare);
      double mw = median(warmHi);
      double mc = median(coldHi);
      System.out.printf(Locale.ROOT, "| Case | Median (ms) | Ratio |%n|---|---|---|%n");
      System.out.printf(Locale.ROOT, "| bare `/usr/bin/python3 -c \"print('hi')\"` (spawned from Java) | %.1f | 1.00 |%n", mb);
      System.out.printf(Locale.ROOT, "| engine, warm pool, `print('hi')` | %.1f | %.2f |%n", mw, mw / mb);
      System.out.printf(Locale.ROOT, "| engine, cold start, `print('hi')` | %.1f | %.2f |%n", mc, mc / mb);
      double hw = median(warmHeavy);
      double hc = median(coldHeavy);
      System.out.printf(Locale.ROOT, "| engine, warm (numpy+pandas preloaded), numpy+pandas script | %.1f | %.2f of cold |%n", hw, hw / hc);
      System.out.printf(Locale.ROOT, "| engine, cold, numpy+pandas script | %.1f | 1.00 |%n", hc);
      System.out.printf(Locale.ROOT, "%nThroughput, trivial runs, 8 concurrent callers for %d s: **%.1f runs/s**%n",
          throughputSeconds, throughput);
      System.out.printf(Locale.ROOT,
          "CPU per trivial run during that phase: %.1f ms (JVM %.1f ms, sandboxes by cgroup"
              + " cpuacct the rest), so %d idle cores would allow about %.0f runs/s%n",
          cpuPerRunMs, jvmCpuPerRunMs, Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors() * 1000 / cpuPerRunMs);
      System.out.printf(Locale.ROOT, "%nRounds: %d interleaved (bare, cold, warm; pools full before each round) after 3 warm-up rounds; heavy: %d.%n",
          rounds, heavyRounds);
    }
  }

  private static long bare() throws IOException, InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", HI);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    p.getErrorStream().readAllBytes();
    if (p.waitFor() != 0 || !out.equals("hi\n")) {
      throw new IllegalStateException("bare python failed");
    }
    return System.nanoTime() - start;
  }

  private static long timed(LocalEngine engine, String program) {
    long start = System.nanoTime();
    RunResult r = runOnce(engine, program);
    long elapsed = System.nanoTime() - start;
    if (r.verdict() != Verdict.OK) {
      throw new IllegalStateException(r.toString());
    }
    return elapsed;
  }

  private static RunResult runOnce(LocalEngine engine, String program) {
    Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(30));
    return engine.run(
        new RunSpec(List.of(new ProjectFile("main.py", program)), "main.py", "", limits, "bench"),
        OutputSink.NONE, new Cancellation());
  }

  private static void waitForFullPools(LocalEngine engine, LocalEngineSettings s)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      LocalEngine.WarmSandboxes ready = engine.warmSandboxes();
      if (ready.plain() >= s.plainPoolSize() && ready.scientific() >= s.scientificPoolSize()) {
        Thread.sleep(20);
        return;
      }
      Thread.sleep(10);
    }
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU of every sandbox under the bench's cgroup parent (v1 cpuacct), in nanoseconds. */
  private static long sandboxCpuNanos() {
    try {
      return Long.parseLong(java.nio.file.Files.readString(
          Path.of("/sys/fs/cgroup/cpuacct/runlab-bench-warm/cpuacct.usage")).trim());
    } catch (IOException | NumberFormatException notV1) {
      return 0;
    }
  }

  private static double cpuPerRunMs;
  private static double jvmCpuPerRunMs;

  private static double throughput(LocalEngine engine, int callers, int seconds) throws Exception {
    long jvmBefore = jvmCpuNanos();
    long sandboxBefore = sandboxCpuNanos();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    AtomicInteger done = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          RunResult r = runOnce(engine, HI);
          if (r.verdict() != Verdict.OK) {
            throw new IllegalStateException(r.toString());
          }
          done.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double rate = done.get() / ((System.nanoTime() - start) / 1e9);
    jvmCpuPerRunMs = (jvmCpuNanos() - jvmBefore) / 1e6 / done.get();
    cpuPerRunMs = jvmCpuPerRunMs + (sandboxCpuNanos() - sandboxBefore) / 1e6 / done.get();
    return rate;
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int n = sorted.size();
    double mid = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return mid / 1e6;
  }
}
