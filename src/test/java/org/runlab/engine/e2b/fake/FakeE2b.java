package org.runlab.engine.e2b.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A faithful fake of E2B on loopback: the control-plane API on one port, and the sandbox proxy on
 * another, routed by the {@code E2b-Sandbox-Id} and {@code E2b-Sandbox-Port} headers as the real
 * proxy does for localhost. Code runs for real in a /usr/bin/python3 process per context.
 *
 * <p>From the command line: {@code java -cp <test classpath> org.runlab.engine.e2b.fake.FakeE2b
 * --port 3000 [--data-port 3001] [--api-key e2b_...] [--create-latency-ms 1500]}.
 */
public final class FakeE2b implements AutoCloseable {
  /** The key the fake accepts unless told otherwise. */
  public static final String API_KEY = "e2b_00000000000000000000000000000000000000fa";

  static {
    // Without it, small flushed chunks wait for delayed ACKs (~40 ms each) on loopback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** The made-up host the fake package index stands for, to allow in {@code package-index-hosts}. */
  public static final String PACKAGE_INDEX_HOST = FakePackageIndex.HOST;

  public final FakeFaults faults = new FakeFaults();
  private final List<FakeCall> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong callSeq = new AtomicLong();
  final FakePackageIndex index;
  final Map<String, FakeSandbox> sandboxes = new ConcurrentHashMap<>();
  final String apiKey;
  final Path root;
  private final HttpServer api;
  private final HttpServer data;
  private final ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
  private final SecureRandom random = new SecureRandom();
  volatile boolean closed;

  private FakeE2b(int apiPort, int dataPort, String apiKey) throws IOException {
    this.apiKey = apiKey;
    this.root = Files.createTempDirectory("fake-e2b");
    InetAddress lo = InetAddress.getLoopbackAddress();
    api = HttpServer.create(new InetSocketAddress(lo, apiPort), 50);
    data = HttpServer.create(new InetSocketAddress(lo, dataPort), 50);
    api.createContext("/", new FakeControlPlane(this));
    data.createContext("/", new FakeDataPlane(this));
    index = new FakePackageIndex(this, Files.createDirectories(root.resolve("package-index")));
    data.createContext("/fake-index/", index);
    api.setExecutor(pool);
    data.setExecutor(pool);
    api.start();
    data.start();
  }

  /** Starts on two free loopback ports. */
  public static FakeE2b start() throws IOException {
    return new FakeE2b(0, 0, API_KEY);
  }

  public static FakeE2b start(int apiPort, int dataPort, String apiKey) throws IOException {
    return new FakeE2b(apiPort, dataPort, apiKey);
  }

  /** What {@code runlab.e2b.api-url} should be. */
  public String apiUrl() {
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  /** What {@code runlab.e2b.sandbox-url} should be. */
  public String sandboxUrl() {
    return "http://127.0.0.1:" + data.getAddress().getPort();
  }

  /** Sandboxes alive now (TTL expiry applied). */
  public List<String> liveSandboxIds() {
    expireDue();
    return sandboxes.values().stream()
        .filter(s -> s.state.equals("running"))
        .map(s -> s.id)
        .sorted()
        .collect(Collectors.toList());
  }

  /** Python kernel processes alive now, over all sandboxes. */
  public int livePythonProcesses() {
    return sandboxes.values().stream().mapToInt(FakeSandbox::livePythonProcesses).sum();
  }

  /** The sandbox's metadata, for assertions. */
  public Map<String, String> metadataOf(String id) {
    return sandboxes.get(id).metadata;
  }

  /** Whether the sandbox was created with internet access. */
  public boolean internetOf(String id) {
    return sandboxes.get(id).allowInternet;
  }

  /** The template the sandbox was created from, as the create request named it. */
  public String templateOf(String id) {
    return sandboxes.get(id).templateId;
  }

  /** The sandbox's egress rules now, as set at create and by network updates. */
  public FakeNetwork networkOf(String id) {
    return sandboxes.get(id).network;
  }

  /** Every create, network update, execution and index request so far, in order. */
  public List<FakeCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls concerning one sandbox, in order. */
  public List<FakeCall> calls(String sandboxId) {
    return calls.stream().filter(c -> c.sandboxId().equals(sandboxId)).toList();
  }

  /**
   * Publishes a pure-Python wheel of one module to the fake package index, which sandboxes reach
   * only while their egress allows {@link #PACKAGE_INDEX_HOST}.
   */
  public Path publishWheel(String name, String version, String moduleSource) {
    return index.publish(name, version, moduleSource);
  }

  void record(String sandboxId, String kind, String detail) {
    calls.add(new FakeCall(callSeq.incrementAndGet(), Instant.now(), sandboxId, kind, detail));
  }

  /** The sandbox dies underneath its user: the proxy answers 502 "not found" from now on. */
  public void killFromOutside(String id) {
    FakeSandbox s = sandboxes.remove(id);
    if (s != null) {
      s.destroy();
    }
  }

  /** Reads a file from inside a sandbox, for assertions. */
  public String readFile(String id, String path) throws IOException {
    return Files.readString(sandboxes.get(id).resolve(path));
  }

  FakeSandbox create(
      String template,
      Map<String, String> metadata,
      long timeoutSeconds,
      boolean internet,
      boolean secure) {
    return create(template, metadata, timeoutSeconds, internet, secure, FakeNetwork.from(null, internet));
  }

  FakeSandbox create(
      String template,
      Map<String, String> metadata,
      long timeoutSeconds,
      boolean internet,
      boolean secure,
      FakeNetwork network) {
    StringBuilder id = new StringBuilder("i");
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 20; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    Instant now = Instant.now();
    FakeSandbox s =
        new FakeSandbox(
            id.toString(),
            template,
            metadata,
            secure ? "tok_" + Long.toHexString(random.nextLong()) : null,
            internet,
            now,
            now.plusSeconds(timeoutSeconds),
            now.plus(faults.portClosedFor),
            root);
    s.network(network);
    s.kernelEnv.put("PIP_FIND_LINKS", index.urlFor(s.id));
    record(s.id, "create", network.toString());
    sandboxes.put(s.id, s);
    return s;
  }

  /** Removes sandboxes whose TTL passed, killing their processes, as E2B does. */
  void expireDue() {
    Instant now = Instant.now();
    for (FakeSandbox s : List.copyOf(sandboxes.values())) {
      if (s.expired(now)) {
        killFromOutside(s.id);
      }
    }
  }

  /** A running sandbox by id, or null when unknown, killed, expired or paused. */
  FakeSandbox running(String id) {
    expireDue();
    FakeSandbox s = sandboxes.get(id);
    return s != null && s.state.equals("running") ? s : null;
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    if (status == 204) {
      ex.sendResponseHeaders(204, -1);
    } else {
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    ex.close();
  }

  static void json(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "application/json", body);
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    json(
        ex,
        status,
        jakarta.json.Json.createObjectBuilder()
            .add("code", status)
            .add("message", message)
            .build()
            .toString());
  }

  @Override
  public void close() {
    closed = true;
    api.stop(0);
    data.stop(0);
    List.copyOf(sandboxes.keySet()).forEach(this::killFromOutside);
    pool.shutdownNow();
    try (java.util.stream.Stream<Path> wheels = Files.list(index.wheels)) {
      for (Path w : wheels.toList()) {
        Files.deleteIfExists(w);
      }
      Files.deleteIfExists(index.wheels);
      Files.deleteIfExists(root);
    } catch (IOException ignored) {
      // leftovers in the temp directory are harmless
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "fake-e2b");
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs the fake until killed. */
  public static void main(String[] args) throws Exception {
    int port = 3000;
    Integer dataPort = null;
    String key = API_KEY;
    long latency = 0;
    for (int i = 0; i < args.length - 1; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data-port" -> dataPort = Integer.parseInt(args[i + 1]);
        case "--api-key" -> key = args[i + 1];
        case "--create-latency-ms" -> latency = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FakeE2b fake = start(port, dataPort == null ? port + 1 : dataPort, key);
    fake.faults.createLatency = java.time.Duration.ofMillis(latency);
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
    System.out.println("Fake E2B: runlab.e2b.api-url=" + fake.apiUrl());
    System.out.println("          runlab.e2b.sandbox-url=" + fake.sandboxUrl());
    System.out.println("          runlab.e2b.api-key=" + key);
    Thread.currentThread().join();
  }
}
