package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * README command 1 with the embedded defaults: {@code bin/runlab start} on an empty data directory
 * comes up on H2, seeds the demo course, prints the admin login, and listens on loopback only.
 */
@Order(1)
class H2DefaultSmokeIT {
  private static final int PORT = TestSlot.CURRENT.port(18080);
  /** Its cgroup parent and sandbox directory, not the defaults a developer's server uses. */
  private static final String PLACES = TestSlot.CURRENT.name("runlab-h2-smoke");
  private static Process runlab;
  private static final List<String> output = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path home = Path.of(System.getProperty("runlab.home"));
    Path data = home.resolve("target/h2-smoke");
    deleteTree(data);
    ProcessBuilder start =
        new ProcessBuilder(
                home.resolve("bin/runlab").toString(), "start", "--no-install", "--no-build",
                "--port", String.valueOf(PORT), "--data-dir", data.toString())
            .directory(home.toFile())
            .redirectErrorStream(true);
    start.environment().put("RUNLAB_JAVA_OPTS", "-Xmx1g -Drunlab.local.cgroup-parent=" + PLACES
        + " -Drunlab.local.work-root=/dev/shm/" + PLACES);
    runlab = start.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(runlab.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      output.add(line);
      if (line.contains("Stop: Ctrl+C")) {
        break;
      }
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runlab != null) {
      runlab.descendants().forEach(ProcessHandle::destroy);
      runlab.destroy();
      runlab.waitFor(30, TimeUnit.SECONDS);
      runlab.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void startsOnEmbeddedH2WithTheDemoCourseAndAPrintedAdminLogin() {
    assertThat(String.join("\n", output))
        .contains("Runlab is ready: http://localhost:" + PORT + "/")
        .containsPattern("Admin login \\(shown once, write it down\\): admin@runlab.local / Rl-\\S{19}");

    WebClient web = new WebClient(URI.create("http://127.0.0.1:" + PORT + "/"));
    HttpResponse<String> health = web.get("/health");
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"product\":\"H2\"");
    assertThat(web.get("/").body()).contains("Python basics", "Hello, Python");
  }

  @Test
  void listensOnLoopbackOnlyWithNoH2Server() throws Exception {
    long java =
        runlab.descendants()
            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
            .findFirst()
            .orElseThrow()
            .pid();
    Process ss = new ProcessBuilder("ss", "-Hltnp").start();
    String listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> ours =
        listening.lines().filter(l -> l.contains("pid=" + java + ",")).toList();
    assertThat(ours).isNotEmpty();
    assertThat(ours).allSatisfy(l -> assertThat(l).containsPattern("(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]):\\d+"));
    assertThat(ours).hasSize(2); // HTTP and Hazelcast; no H2 TCP server
  }

  private static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
