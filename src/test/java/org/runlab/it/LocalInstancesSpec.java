package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one host, as in a rolling restart or a dev server beside the tests: a second
 * server started with {@code bin/runlab start} beside the shared deployment, on the same sandbox
 * work root and cgroup parent, and each keeps running local code while the other starts and
 * restarts (an instance sweeps only what dead instances left).
 */
@RunlabSpec
@Order(88)
class LocalInstancesSpec {
  private static final int SIDE_PORT = TestSlot.CURRENT.port(18085);
  /** The shared deployment's places (SharedDeployment.configurePayara). */
  private static final String PLACES = TestSlot.CURRENT.name("runlab_it");
  /** Needs a server (threads), so an anonymous learner's run goes to the local sandbox. */
  private static final String THREADS = "import threading\nprint('threads', threading.active_count())\n";

  private static final String LOCAL_UP = "\"local\"\\s*:\\s*\"available\"";

  private final URI shared;

  LocalInstancesSpec(URI shared) {
    this.shared = shared;
  }

  @Test
  void twoInstancesOnOneHostBothRunLocalCodeAfterEitherRestarts() throws Exception {
    assertRunsLocally(shared, "shared before");
    URI side = URI.create("http://127.0.0.1:" + SIDE_PORT + "/");
    Process first = startSide();
    try {
      assertRunsLocally(side, "side");
      assertRunsLocally(shared, "shared beside the side instance");
    } finally {
      stop(first);
    }
    assertRunsLocally(shared, "shared after the side instance stopped");
    Process second = startSide();
    try {
      assertRunsLocally(side, "side restarted");
      assertRunsLocally(shared, "shared after the side instance restarted");
      assertThat(new WebClient(shared).get("/health").body()).containsPattern(LOCAL_UP);
      assertThat(new WebClient(side).get("/health").body()).containsPattern(LOCAL_UP);
    } finally {
      stop(second);
    }
    assertRunsLocally(shared, "shared after the side instance stopped again");
  }

  private static void assertRunsLocally(URI base, String what) {
    HttpResponse<String> r = RunApiSpec.postRun(new WebClient(base),
        RunApiSpec.withMember(RunApiSpec.program(THREADS), "wait", true));
    assertThat(r.statusCode()).as("%s: %s", what, r.body()).isEqualTo(200);
    JsonObject body = RunApiSpec.json(r);
    assertThat(body.getString("engine")).as(what).isEqualTo("local");
    assertThat(body.getString("verdict")).as("%s: %s", what, r.body()).isEqualTo("OK");
    assertThat(body.getString("stdout")).as(what).startsWith("threads ");
  }

  /** bin/runlab start on its own port and data directory, with the shared deployment's sandbox places. */
  private static Process startSide() throws Exception {
    Path home = Path.of(System.getProperty("runlab.home", System.getProperty("user.dir")));
    ProcessBuilder start = new ProcessBuilder(home.resolve("bin/runlab").toString(), "start", "--no-install",
        "--no-build", "--port", String.valueOf(SIDE_PORT), "--data-dir",
        home.resolve("target/side-instance").toString())
        .directory(home.toFile()).redirectErrorStream(true);
    start.environment().put("RUNLAB_JAVA_OPTS", "-Xmx768m -Drunlab.local.cgroup-parent=" + PLACES
        + " -Drunlab.local.work-root=/dev/shm/" + PLACES + " -Drunlab.local.pool.scientific-size=0");
    Process side = start.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(side.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(420);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("Stop: Ctrl+C")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return side;
      }
    }
    stop(side);
    throw new AssertionError("the side instance did not start:\n" + seen);
  }

  private static void stop(Process side) throws Exception {
    side.descendants().forEach(ProcessHandle::destroy);
    side.destroy();
    side.waitFor(30, TimeUnit.SECONDS);
    side.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
