package org.runlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The server JVM's CPU per admitted trivial run, for two builds side by side: rounds of {@code
 * POST /api/runs} {"wait":true} for print('hi') at 8 clients go to each server in turn, and each
 * round counts the utime+stime (/proc/PID/stat) its server spent, and of that its JIT compiler
 * threads. Alternating rounds expose both servers to the same machine load. Run by bench/cost.sh.
 *
 * <p>Arguments: {@code NAME=URL=PID} for each server, then rounds and runs per round.
 */
public final class CostBench {
  private static final String BODY =
      "{\"files\":[{\"path\":\"main.py\",\"content\":\"print('hi')\"}],\"entry\":\"main.py\","
          + "\"engine\":\"local\",\"wait\":true}";
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final double TICK_MS = 10; // USER_HZ = 100

  private record Server(String name, URI api, long pid, List<double[]> rounds) {}

  public static void main(String[] args) throws Exception {
    List<Server> servers = new ArrayList<>();
    for (String a : args) {
      if (a.contains("=")) {
        String[] p = a.split("=", 3);
        servers.add(new Server(p[0], URI.create(p[1]).resolve("/api/runs"), Long.parseLong(p[2]), new ArrayList<>()));
      }
    }
    String[] numbers = Arrays.stream(args).filter(a -> !a.contains("=")).toArray(String[]::new);
    int rounds = Integer.parseInt(numbers[0]);
    int perRound = Integer.parseInt(numbers[1]);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS * servers.size(); i++) {
      clients.add(HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }
    // One run each first, alone: a fresh server makes its signing key on its first visitor, and
    // eight first visitors at once race to make it.
    for (int s = 0; s < servers.size(); s++) {
      post(clients.get(s * CLIENTS), servers.get(s).api());
    }
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < servers.size(); s++) {
        Server server = servers.get(s);
        long[] before = ticks(server.pid());
        long t0 = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          HttpClient http = clients.get(s * CLIENTS + c);
          int share = perRound / CLIENTS;
          work.add(pool.submit(() -> {
            for (int i = 0; i < share; i++) {
              post(http, server.api());
            }
            return null;
          }));
        }
        for (Future<?> f : work) {
          f.get();
        }
        long[] after = ticks(server.pid());
        int runs = perRound / CLIENTS * CLIENTS;
        double[] round = {(after[0] - before[0]) * TICK_MS / runs, (after[1] - before[1]) * TICK_MS / runs,
            runs / ((System.nanoTime() - t0) / 1e9)};
        server.rounds().add(round);
        System.err.printf(Locale.ROOT, "round %d %s: %.2f ms/run (JIT %.2f), %.1f runs/s%n", r, server.name(),
            round[0], round[1], round[2]);
      }
    }
    pool.shutdownNow();
    StringBuilder out = new StringBuilder();
    out.append("| build | rounds counted | server JVM CPU per run, median | of which JIT compilers | without JIT | runs/s |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Server s : servers) {
      List<double[]> last = s.rounds().subList(s.rounds().size() / 2, s.rounds().size());
      double cpu = median(last, 0);
      double jit = median(last, 1);
      double noJit = median(last.stream().map(x -> new double[] {x[0] - x[1]}).toList(), 0);
      out.append(String.format(Locale.ROOT, "| %s | %d of %d | %.2f ms | %.2f ms | %.2f ms | %.1f |%n", s.name(),
          last.size(), s.rounds().size(), cpu, jit, noJit, median(last, 2)));
    }
    out.append("\nEvery round, server JVM CPU per run in ms (JIT compilers' share in brackets):\n\n");
    for (Server s : servers) {
      out.append("- ").append(s.name()).append(": ");
      for (double[] x : s.rounds()) {
        out.append(String.format(Locale.ROOT, "%.2f (%.2f) ", x[0], x[1]));
      }
      out.append('\n');
    }
    System.out.print(out);
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(x -> x[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void post(HttpClient http, URI api) throws IOException, InterruptedException {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200 || !res.body().contains("\"verdict\":\"OK\"")) {
      throw new IllegalStateException(api + ": " + res.statusCode() + " " + res.body());
    }
  }

  /** utime+stime of the process, and of its JIT compiler threads, in clock ticks. */
  private static long[] ticks(long pid) {
    try {
      long compilers = 0;
      try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
        for (Path t : (Iterable<Path>) tasks::iterator) {
          try {
            String comm = Files.readString(t.resolve("comm")).trim();
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
              compilers += cpu(t.resolve("stat"));
            }
          } catch (IOException gone) {
            // a thread that ended meanwhile
          }
        }
      }
      return new long[] {cpu(Path.of("/proc/" + pid + "/stat")), compilers};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long cpu(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
