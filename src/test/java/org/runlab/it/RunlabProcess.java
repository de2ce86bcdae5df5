package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Runlab server of the real WAR in a Payara Micro process of its own (as QuotaClusterIT starts
 * them), for the fault tests: it can be killed with SIGKILL and started again on the same ports.
 * Its ports, cgroup parent and sandbox directory come from the test slot and its name.
 */
final class RunlabProcess {
  private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final Path home = Path.of(System.getProperty("runlab.home"));
  private final String name;
  private final Path dir;
  private final int http;
  private final int hazelcast;
  private final String members;
  private final String cluster;
  private final Map<String, String> settings;
  private Process process;
  private int starts;

  /**
   * A server called {@code name} (unique in the slot) on {@code http}, one of the Hazelcast
   * {@code members} at {@code hazelcast}, with these {@code runlab.*} settings.
   */
  RunlabProcess(String name, Path dir, int http, int hazelcast, String members, String cluster,
      Map<String, String> settings) {
    this.name = name;
    this.dir = dir;
    this.http = http;
    this.hazelcast = hazelcast;
    this.members = members;
    this.cluster = cluster;
    this.settings = settings;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + http + "/");
  }

  Path log() {
    return dir.resolve("server-" + starts + ".log");
  }

  void start() throws IOException {
    starts++;
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dhazelcast.socket.bind.any=false",
        "-Djava.io.tmpdir=" + dir,
        "-Drunlab.data-dir=" + dir.resolve("data"),
        "-Drunlab.admin.password=faults-Secret-7",
        "-Drunlab.local.cgroup-parent=" + name,
        "-Drunlab.local.work-root=/dev/shm/" + name,
        "-Drunlab.e2b.api-key="));
    settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-jar", home.resolve("target/payara-micro.jar").toString(),
        "--deploy", home.resolve("target/runlab.war").toString(), "--contextroot", "/",
        "--port", Integer.toString(http), "--disablephonehome",
        "--clustermode", "tcpip:" + members,
        "--startport", Integer.toString(hazelcast), "--interfaces", "127.0.0.1",
        "--clustername", cluster,
        "--unpackdir", dir.resolve("payara-" + starts).toString(),
        "--prebootcommandfile", home.resolve("payara-config/pre-boot-commands.asadmin").toString()));
    process = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(log().toFile()).start();
  }

  /** Waits until /health says UP. */
  void awaitUp(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as(name + " exited; see " + log()).isTrue();
      try {
        HttpResponse<String> h = PLAIN.send(HttpRequest.newBuilder(base().resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (h.statusCode() == 200 && h.body().contains("\"status\":\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(name + " did not come up; see " + log());
  }

  /** Whether its log says it sees {@code n} cluster members. */
  boolean logSays(String text) throws IOException {
    return Files.exists(log()) && Files.readString(log()).contains(text);
  }

  /** kill -9 of the JVM (then of the sandboxes it leaves, as a dead host would not keep them either). */
  void kill9() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    children.forEach(ProcessHandle::destroyForcibly);
  }

  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
