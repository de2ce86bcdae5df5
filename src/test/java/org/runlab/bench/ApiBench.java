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
    LocalEngineSettings settings = LocalEngineSettings.defaults()
        .withPlaces(Path.of("/dev/shm/runlab-bench-api"), "runlab-bench-api");
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
        direct.get();
        viaApi.get();
      }
      load(8, WARM_UP, direct);
      load(8, WARM_UP, viaApi);
      System.out.println("| concurrent clients | runs each | engine alone p50 | API p50 | API adds (p50) | engine alone p99 | API p99 |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int clients : new int[] {1, 8, 32}) {
        List<Long> e = new ArrayList<>();
        List<Long> a = new ArrayList<>();
        for (int half = 0; half < 4; half++) {
          e.addAll(load(clients, perLevel / 4, direct));
          a.addAll(load(clients, perLevel / 4, viaApi));
        }
        double ep50 = pct(e, 50);
        double ap50 = pct(a, 50);
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f ms | %.1f ms | %+.1f ms | %.1f ms | %.1f ms |%n",
            clients, e.size(), ep50, ap50, ap50 - ep50, pct(e, 99), pct(a, 99));
      }
    }
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
