package org.runlab.engine.e2b.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One fake sandbox: a private home directory and its Python contexts. */
final class FakeSandbox {
  final String id;
  final String templateId;
  final Map<String, String> metadata;
  final String accessToken;
  final boolean allowInternet;
  final Instant startedAt;
  final Instant portOpensAt;
  final Path home;
  final int cpuCount = 2;
  final int memoryMb = 2048;
  volatile Instant endAt;
  volatile String state = "running";
  final Map<String, FakeKernel> contexts = new ConcurrentHashMap<>();
  /** What the sandbox may reach now: set at create, replaced by PUT .../network. */
  volatile FakeNetwork network = FakeNetwork.from(null, true);
  /** Extra environment of this sandbox's kernels (where its package index is). */
  final Map<String, String> kernelEnv = new ConcurrentHashMap<>();
  private volatile FakeKernel defaultContext;

  FakeSandbox(
      String id,
      String templateId,
      Map<String, String> metadata,
      String accessToken,
      boolean allowInternet,
      Instant startedAt,
      Instant endAt,
      Instant portOpensAt,
      Path root) {
    this.id = id;
    this.templateId = templateId;
    this.metadata = Map.copyOf(metadata);
    this.accessToken = accessToken;
    this.allowInternet = allowInternet;
    this.startedAt = startedAt;
    this.endAt = endAt;
    this.portOpensAt = portOpensAt;
    try {
      this.home = Files.createDirectories(root.resolve(id).resolve("home/user"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the egress rules, and writes them where this sandbox's kernels check every outbound
   * connection (kernel.py's audit hook), as E2B's firewall would.
   */
  void network(FakeNetwork rules) {
    network = rules;
    Path file = networkFile();
    try {
      Files.writeString(file, rules.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kernelEnv.put("FAKE_E2B_NETWORK", file.toString());
  }

  private Path networkFile() {
    return home.getParent().getParent().resolve("network.json");
  }

  boolean expired(Instant now) {
    return !now.isBefore(endAt);
  }

  /** The context a request without {@code context_id} uses, created on first use. */
  synchronized FakeKernel defaultContext() {
    if (defaultContext == null || !defaultContext.alive()) {
      defaultContext = newContext("/home/user");
    }
    return defaultContext;
  }

  FakeKernel newContext(String cwd) {
    FakeKernel k = new FakeKernel(UUID.randomUUID().toString(), home, home.toString(), kernelEnv);
    contexts.put(k.id, k);
    return k;
  }

  /** Maps a sandbox path (absolute under /home/user, or relative to it) to the real file. */
  Path resolve(String path) {
    String p = path.startsWith("/home/user/") ? path.substring("/home/user/".length()) : path;
    if (p.startsWith("/")) {
      throw new IllegalArgumentException("path outside the home directory: " + path);
    }
    Path real = home.resolve(p).normalize();
    if (!real.startsWith(home)) {
      throw new IllegalArgumentException("path outside the home directory: " + path);
    }
    return real;
  }

  String sandboxPath(Path real) {
    return "/home/user/" + home.relativize(real).toString().replace('\\', '/');
  }

  int livePythonProcesses() {
    return (int) contexts.values().stream().filter(FakeKernel::alive).count();
  }

  void destroy() {
    contexts.values().forEach(FakeKernel::close);
    contexts.clear();
    try (Stream<Path> walk = Files.walk(home.getParent().getParent())) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
