package org.runlab.engine.selection;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.TestConfig;

/**
 * Measures profile + decide for a ~10 KiB program (run by {@code bench/selection.sh}, not by
 * the tests): warms the JIT, then times each iteration and prints percentiles as Markdown.
 */
public final class SelectionBenchmark {
  private SelectionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    String program = program(10 * 1024);
    List<ProjectFile> files = List.of(new ProjectFile("main.py", program));
    CodeProfiler profiler = new CodeProfiler();
    EngineSelector selector =
        new EngineSelector(PyodideCatalog.fromClasspath(), SelectionSettings.from(TestConfig.defaults()));
    SelectionContext ctx = SelectionContext.free();

    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += selector.decide(profiler.profile(files, "main.py"), ctx).reasons().size();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] total = new long[measured];
    long[] profileOnly = new long[measured];
    long[] cpu = new long[measured];
    for (int i = 0; i < measured; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      CodeProfile p = profiler.profile(files, "main.py");
      long t1 = System.nanoTime();
      sink += selector.decide(p, ctx).reasons().size();
      long t2 = System.nanoTime();
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      total[i] = t2 - t0;
      profileOnly[i] = t1 - t0;
    }
    Decision d = selector.decide(profiler.profile(files, "main.py"), ctx);
    System.out.printf("- program: %d bytes, %d lines, %d tokens; decision: %s %s%n",
        program.getBytes(StandardCharsets.UTF_8).length, program.split("\n").length,
        PythonTokenizer.tokenize(program).tokens().size(), d.engine(), d.primary().code());
    System.out.printf("- iterations: %d warm-up, %d measured (single thread)%n", warmup, measured);
    System.out.println();
    System.out.println("| step | p50 | p90 | p99 | p99.9 | max |");
    System.out.println("|---|---|---|---|---|---|");
    row("profile + decide (wall clock)", total);
    row("profile only (wall clock)", profileOnly);
    row("profile + decide (thread CPU time)", cpu);
    System.out.println();
    System.out.println("(checksum " + sink + ")");
  }

  private static void row(String name, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("| %s | %s | %s | %s | %s | %s |%n", name, us(s, 0.50), us(s, 0.90),
        us(s, 0.99), us(s, 0.999), String.format("%.1f µs", s[s.length - 1] / 1000.0));
  }

  private static String us(long[] sorted, double q) {
    int i = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
    return String.format("%.1f µs", sorted[i] / 1000.0);
  }

  /** Browser-bound corpus programs, concatenated in order until {@code bytes} is reached. */
  static String program(int bytes) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < bytes) {
      for (Path c : SelectionCorpusTest.cases()) {
        if (sb.length() >= bytes) {
          break;
        }
        if (Files.isRegularFile(c)) {
          String src = Files.readString(c, StandardCharsets.UTF_8);
          if (src.startsWith("# expect: browser DEFAULT_BROWSER") && !src.contains("# settings")
              && !src.contains("# context")) {
            sb.append(src).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }
}
