package org.runlab.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
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
 * What the run API adds over the engine: {@code POST /api/runs} with {@code "wait":true} for
 * print('hi') on the local engine, against the same engine called in-process, at 1, 8 and 32
 * concurrent clients, the two alternating in one run. Run by bench/api.sh; prints Markdown.
 */
public final class ApiBench {
  private static final String BODY =
      "{\"files\":[{\"path\":\"main.py\",\"content\":\"print('hi')\"}],\"entry\":\"main.py\","
          + "\"engine\":\"local\",\"wait\":true}";

  private static final int WARM_UP = Integer.getInteger("bench.warmup", 1500);
  /** For profiling the server: only the API side is driven. */
  private static final boolean API_ONLY = Boolean.getBoolean("bench.api-only");
  private static final long SERVER_PID = Long.getLong("bench.server-pid", 0);
  private static final int[] LEVELS = java.util.Arrays.stream(
      System.getProperty("bench.levels", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
  private static final double TICK_MS = 1000.0 / 100; // USER_HZ
  private static final double QUIET_COMPILER_MS = 0.25;
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final int QUIET_ROUNDS = Integer.getInteger("bench.quiet-rounds", 60);

  /** utime+stime and cutime+cstime, in clock ticks, from a /proc stat file (a process's or a thread's). */
  private static long[] times(Path stat) throws java.io.IOException {
    String text = java.nio.file.Files.readString(stat);
    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
  }

  /** CPU ticks of a JVM's JIT compiler threads so far. */
  private static long compilerTicks(long pid) {
    long ticks = 0;
    try (var tasks = java.nio.file.Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = java.nio.file.Files.readString(t.resolve("comm")).trim();
          if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            ticks += times(t.resolve("stat"))[0];
          }
        } catch (java.io.IOException gone) {
          // a thread that ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ticks;
  }

  /** CPU time of the server and benchmark JVMs and of their waited-for children, over phases. */
  private static final class Cpu {
    private final long[] sum = new long[6];
    private long[] at;

    void start() {
      at = sample();
    }

    void stop() {
      long[] now = sample();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += now[i] - at[i];
      }
    }

    double machinePerRun(int runs) {
      return sum[5] * TICK_MS / runs;
    }

    double serverPerRun(int runs) {
      return sum[0] * TICK_MS / runs;
    }

    String perRun(int runs) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < sum.length; i++) {
        b.append(i == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%.1f", sum[i] * TICK_MS / runs));
      }
      return b.toString();
    }

    private static long[] sample() {
      long[] server = SERVER_PID > 0 ? times(SERVER_PID) : new long[2];
      long[] self = times(ProcessHandle.current().pid());
      long jit = SERVER_PID > 0 ? compilerTicks(SERVER_PID) : 0;
      return new long[] {server[0], jit, server[1], self[0], self[1], machine()};
    }

    private static long[] times(long pid) {
      try {
        return ApiBench.times(Path.of("/proc/" + pid + "/stat"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** Busy clock ticks of the whole machine (all but idle and iowait). */
    private static long machine() {
      try {
        String[] f = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // user nice system idle iowait irq softirq steal guest...: guest time is already in user
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
            + Long.parseLong(f[6]) + Long.parseLong(f[7]);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private ApiBench() {}

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args[0]).resolve("/api/runs");
    int perLevel = args.length > 1 ? Integer.parseInt(args[1]) : 96;
    // Each client is one learner with their own cookie, as a page is (a request without one would
    // be a new visitor every time, the abuse pattern bench/quota.sh measures).
    List<HttpClient> learners = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      learners.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new java.net.CookieManager()).build());
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    // The in-process engine's sandbox directory and cgroup parent (bench.places), apart from any other run's.
    String places = System.getProperty("bench.places", "runlab-bench-api");
    LocalEngineSettings settings = LocalEngineSettings.from(TestConfig.defaults())
        .withPlaces(Path.of("/dev/shm/" + places), places);
    try (LocalEngine engine = LocalEngine.start(settings)) {
      RunSpec spec = new RunSpec(List.of(new ProjectFile("main.py", "print('hi')")), "main.py", "",
          Limits.defaults(), "bench");
      Supplier<Long> direct = () -> {
        long t = System.nanoTime();
        RunResult r = engine.run(spec, OutputSink.NONE, new Cancellation());
        check(r.verdict() == Verdict.OK && r.stdout().equals("hi\n"), "engine: " + r);
        return System.nanoTime() - t;
      };
      Supplier<Long> viaApi = () -> {
        long t = System.nanoTime();
        try {
          HttpClient http = learners.get(Math.floorMod(next.getAndIncrement(), learners.size()));
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(api)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
          check(r.statusCode() == 200 && r.body().contains("\"stdout\":\"hi\\n\""), "api: " + r.statusCode() + " " + r.body());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return System.nanoTime() - t;
      };
      // Both sides warm up until the JIT has compiled the hot paths: Payara's take thousands of
      // requests (a cold server spends more CPU in its compiler threads than on the runs).
      for (int i = 0; i < WARM_UP; i++) {
        if (!API_ONLY) {
          direct.get();
        }
        viaApi.get();
      }
      load(8, API_ONLY ? 0 : WARM_UP, direct);
      load(8, WARM_UP, viaApi);
      // Then until the server's JIT compilers are quiet: a fresh Payara keeps compiling for
      // thousands of requests, which is start-up cost, not what the API costs per run.
      StringBuilder warm = new StringBuilder();
      if (SERVER_PID > 0) {
        double[] last = {9, 9, 9};
        for (int round = 1; round <= QUIET_ROUNDS; round++) {
          long before = compilerTicks(SERVER_PID);
          load(LEVELS[round % LEVELS.length], 500, viaApi); // each level's code paths
          double perRun = (compilerTicks(SERVER_PID) - before) * TICK_MS / 500;
          warm.append(String.format(Locale.ROOT, "%s%.2f", round == 1 ? "" : ", ", perRun));
          last[round % 3] = perRun;
          if ((last[0] + last[1] + last[2]) / 3 < QUIET_COMPILER_MS) {
            break;
          }
        }
      }
      System.out.println("| concurrent clients | runs each | engine alone p50 | API p50 | API adds (p50) | engine alone p99 | API p99 |");
      System.out.println("|---|---|---|---|---|---|---|");
      StringBuilder cpu = new StringBuilder();
      StringBuilder reading = new StringBuilder();
      for (int clients : LEVELS) {
        List<Long> e = new ArrayList<>();
        List<Long> a = new ArrayList<>();
        Cpu engineCpu = new Cpu();
        Cpu apiCpu = new Cpu();
        for (int half = 0; half < 4; half++) {
          engineCpu.start();
          e.addAll(API_ONLY ? List.of(0L) : load(clients, perLevel / 4, direct));
          engineCpu.stop();
          apiCpu.start();
          a.addAll(load(clients, perLevel / 4, viaApi));
          apiCpu.stop();
        }
        double ep50 = pct(e, 50);
        double ap50 = pct(a, 50);
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f ms | %.1f ms | %+.1f ms | %.1f ms | %.1f ms |%n",
            clients, e.size(), ep50, ap50, ap50 - ep50, pct(e, 99), pct(a, 99));
        cpu.append(String.format(Locale.ROOT, "| %d | engine alone | %s |%n", clients, engineCpu.perRun(e.size())));
        cpu.append(String.format(Locale.ROOT, "| %d | API | %s |%n", clients, apiCpu.perRun(a.size())));
        double extra = apiCpu.machinePerRun(a.size()) - engineCpu.machinePerRun(e.size());
        if (clients > CORES) {
          reading.append(String.format(Locale.ROOT, "At %d clients both sides keep the %d cores busy, so p50 grows"
              + " by about %d/%d = %.0f times the CPU the API adds per run: the whole machine spent %+.1f ms per run"
              + " more through the API, which predicts %+.0f ms; measured %+.1f ms.%n",
              clients, CORES, clients, CORES, (double) clients / CORES, extra, extra * clients / CORES, ap50 - ep50));
        }
      }
      if (SERVER_PID > 0) {
        System.out.println();
        System.out.println("Then warm-up rounds of 500 API runs, at each level in turn, until the server's JIT compilers spent under "
            + QUIET_COMPILER_MS + " ms of CPU per run (at most " + QUIET_ROUNDS + " rounds); their CPU per run in each round: "
            + warm + " ms.");
        System.out.println();
        System.out.println("CPU per run (from /proc, in ms; the sandboxes are the JVMs' children):");
        System.out.println();
        System.out.println("| clients | side | server JVM | of which JIT compilers | server's sandboxes | benchmark JVM | benchmark's sandboxes | whole machine |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.print(cpu);
        double floor = floor(learners.get(0), api);
        System.out.println();
        System.out.print("Reading the figures: " + reading);
        for (int clients : LEVELS) {
          if (clients > CORES) {
            System.out.printf(Locale.ROOT, "At %d clients even the floor request's %.2f ms of server CPU would add about"
                + " %.0f ms at p50, against a target of 5 ms.%n", clients, floor, floor * clients / CORES);
          }
        }
      }
    }
  }

  /**
   * The server's floor: CPU per request of the cheapest API call there is, GET /api/runs/{id} of a
   * finished run, at 8 clients (what HTTP, JAX-RS, security and JSON cost before any run work).
   */
  private static double floor(HttpClient http, URI api) throws Exception {
    HttpResponse<String> made = http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    String id = made.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    URI one = api.resolve("/api/runs/" + id);
    Supplier<Long> get = () -> {
      long t = System.nanoTime();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(one).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, "floor: " + r.statusCode() + " " + r.body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return System.nanoTime() - t;
    };
    load(8, 3000, get);
    Cpu cpu = new Cpu();
    cpu.start();
    List<Long> times = load(8, 4000, get);
    cpu.stop();
    System.out.println();
    System.out.printf(Locale.ROOT, "Floor: GET /api/runs/{id} of a finished run, 4000 requests at 8 clients: p50 %.2f ms;"
        + " CPU per request (same columns as above): %s ms.%n", pct(times, 50), cpu.perRun(times.size()));
    return cpu.serverPerRun(times.size());
  }

  private static List<Long> load(int clients, int runs, Supplier<Long> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < Math.max(runs, clients); i++) {
        fs.add(pool.submit(call::get));
      }
      List<Long> out = new ArrayList<>();
      for (Future<Long> f : fs) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double pct(List<Long> nanos, int p) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(i, s.size() - 1))) / 1e6;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
