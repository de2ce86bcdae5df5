package org.runlab.engine.e2b.bench;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunSpec;
import org.runlab.engine.e2b.E2bClient;
import org.runlab.engine.e2b.E2bEngine;
import org.runlab.engine.e2b.E2bSessionPool;
import org.runlab.engine.e2b.E2bSettings;
import org.runlab.engine.e2b.LeaseRecorder;
import org.runlab.engine.e2b.SandboxAddress;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.platform.TestConfig;

/**
 * Time to first output of a learner's first run: served from the warm pool, created cold, and
 * the bare execution on a ready sandbox, against the fake with a 1.5 s create latency.
 * Run with bench/e2b.sh.
 */
public final class WarmPoolBenchmark {
  private static final String MAIN = "print('hello')\nfor i in range(3):\n    print(i)\n";

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 1500;
    try (FakeE2b fake = FakeE2b.start()) {
      fake.faults.createLatency = Duration.ofMillis(latencyMs);
      List<Double> warm = new ArrayList<>();
      List<Double> cold = new ArrayList<>();
      List<Double> bare = new ArrayList<>();
      E2bSettings warmSettings = settings(fake, "1");
      E2bSettings coldSettings = settings(fake, "0");
      E2bClient client = new E2bClient(warmSettings, new OkHttpClient());
      E2bSessionPool warmPool = new E2bSessionPool(client, warmSettings, InstantSource.system(), LeaseRecorder.NONE);
      E2bSessionPool coldPool = new E2bSessionPool(client, coldSettings, InstantSource.system(), LeaseRecorder.NONE);
      E2bEngine warmEngine = new E2bEngine(warmSettings, client, warmPool, LeaseRecorder.NONE, m -> {});
      E2bEngine coldEngine = new E2bEngine(coldSettings, client, coldPool, LeaseRecorder.NONE, m -> {});
      SandboxAddress ready = client.create(Map.of("installation", "bench", "instance", "bench"));
      client.sandbox().awaitInterpreter(ready, Duration.ofSeconds(10));
      String ctx = client.sandbox().createContext(ready);
      for (int i = -1; i < rounds; i++) { // round -1 warms up the JVM and is not counted
        warmPool.fillWarm();
        double w = firstOutputMs(warmEngine, "warm-" + i);
        double c = firstOutputMs(coldEngine, "cold-" + i);
        double b = bareFirstOutputMs(client, ready, ctx);
        if (i >= 0) {
          warm.add(w);
          cold.add(c);
          bare.add(b);
        }
        warmPool.killAll();
        coldPool.killAll();
      }
      client.kill(ready.id());
      System.out.printf("create latency %d ms, %d rounds, time to first output (ms)%n", latencyMs, rounds);
      System.out.println("case                      median      p90      min      max");
      print("bare execute (ready ctx)", bare);
      print("run, warm pool hit", warm);
      print("run, cold create", cold);
      System.out.printf("warm overhead over bare execute: median %.1f ms%n", median(warm) - median(bare));
      if (!fake.liveSandboxIds().isEmpty()) {
        throw new IllegalStateException("sandboxes left: " + fake.liveSandboxIds());
      }
    }
  }

  private static E2bSettings settings(FakeE2b fake, String poolMin) {
    Map<String, String> m = new HashMap<>();
    m.put("api-key", FakeE2b.API_KEY);
    m.put("api-url", fake.apiUrl());
    m.put("sandbox-url", fake.sandboxUrl());
    m.put("pool.min", poolMin);
    m.put("installation", "bench");
    m.put("instance", "bench-" + poolMin);
    Map<String, String> keys = new java.util.HashMap<>();
    m.forEach((k, v) -> keys.put(E2bSettings.PREFIX + k, v));
    return E2bSettings.from(TestConfig.with(keys));
  }

  private static double firstOutputMs(E2bEngine engine, String learner) {
    RunSpec spec = new RunSpec(List.of(new ProjectFile("main.py", MAIN)), "main.py", "", Limits.defaults(), learner, Duration.ofMinutes(5));
    long start = System.nanoTime();
    long[] first = {0};
    engine.run(spec, new OutputSink() {
      @Override
      public void stdout(String chunk) {
        if (first[0] == 0) {
          first[0] = System.nanoTime();
        }
      }

      @Override
      public void stderr(String chunk) {}
    }, new Cancellation());
    return (first[0] - start) / 1e6;
  }

  private static double bareFirstOutputMs(E2bClient client, SandboxAddress s, String ctx) {
    long start = System.nanoTime();
    long[] first = {0};
    client.sandbox().execute(s, ctx, MAIN, new OutputSink() {
      @Override
      public void stdout(String text) {
        if (first[0] == 0) {
          first[0] = System.nanoTime();
        }
      }

      @Override
      public void stderr(String text) {}
    }, Duration.ofSeconds(30), null);
    return (first[0] - start) / 1e6;
  }

  private static void print(String name, List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    System.out.printf("%-24s %8.1f %8.1f %8.1f %8.1f%n", name, median(s), s.get((int) Math.ceil(s.size() * 0.9) - 1),
        s.get(0), s.get(s.size() - 1));
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
