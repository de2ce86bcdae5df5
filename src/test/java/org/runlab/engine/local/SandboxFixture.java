package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.platform.TestConfig;

/**
 * One real local engine shared by the sandbox tests (its own work root and cgroup parent), and
 * checks that the host is unharmed after a hostile program. The engine must be available on this
 * machine kind (root, bubblewrap, cgroups): a test that finds it down fails, it is not skipped.
 */
final class SandboxFixture {
  static final Path SENTINEL_DIR = Path.of("/tmp/runlab-sandbox-test");
  /** Names per test JVM, so that two test runs on one host never sweep each other's sandboxes. */
  static final long PID = ProcessHandle.current().pid();
  private static LocalEngine engine;

  private SandboxFixture() {}

  /** Default settings with a work root and cgroup parent of their own, for one test engine. */
  static LocalEngineSettings isolated(String name) {
    return LocalEngineSettings.from(TestConfig.defaults()).withPlaces(workRoot(name), cgroupParent(name));
  }

  /**
   * Settings for the instance {@code instance} on the work root and cgroup parent named {@code
   * place}, checking every 200 ms and repairing at most 1 s apart, so a test sees healing quickly.
   */
  static LocalEngineSettings instance(String place, String instance) {
    return isolated(place).withInstance(instance, 1 << 20, Duration.ofMillis(200), Duration.ofSeconds(1));
  }

  /** A trivial run on {@code engine}. */
  static RunResult hello(LocalEngine engine, String text) {
    return engine.run(new RunSpec(List.of(new ProjectFile("main.py", "print('" + text + "')")), "main.py", "",
        quick(), "test"), OutputSink.NONE, new Cancellation());
  }

  /** Waits up to {@code seconds} for the engine to say it is available; the last availability. */
  static org.runlab.engine.Availability awaitAvailable(LocalEngine engine, int seconds) throws InterruptedException {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!engine.availability().available() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    return engine.availability();
  }

  static Path workRoot(String name) {
    return Path.of("/dev/shm/runlab-local-test-" + name + "-" + PID);
  }

  static String cgroupParent(String name) {
    return "runlab-test-" + name + "-" + PID;
  }

  static synchronized LocalEngine engine() {
    if (engine == null) {
      LocalEngineSettings settings = isolated("shared").withPools(4, 1);
      engine = LocalEngine.start(settings);
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
      assertThat(engine.availability().available())
          .as("local engine availability: %s", engine.availability().reason())
          .isTrue();
    }
    return engine;
  }

  static RunResult run(String program) {
    return run(List.of(new ProjectFile("main.py", program)), "", Limits.defaults());
  }

  static RunResult run(String program, Limits limits) {
    return run(List.of(new ProjectFile("main.py", program)), "", limits);
  }

  static RunResult run(List<ProjectFile> files, String stdin, Limits limits) {
    return engine()
        .run(new RunSpec(files, "main.py", stdin, limits, "test"), OutputSink.NONE,
            new Cancellation());
  }

  /** A sink that keeps only the engine's progress messages (installing packages…). */
  static OutputSink progressTo(List<String> messages) {
    return new OutputSink() {
      @Override
      public void stdout(String chunk) { }

      @Override
      public void stderr(String chunk) { }

      @Override
      public void progress(String message) {
        messages.add(message);
      }
    };
  }

  static Limits quick() {
    return Limits.defaults().withWallTime(Duration.ofSeconds(5)).withCpuTime(Duration.ofSeconds(5));
  }

  /** A fresh marker to put in a hostile program, so its leftovers can be found on the host. */
  static String marker() {
    return "runlab-marker-" + UUID.randomUUID();
  }

  /** A host file the sandbox must neither see nor change. */
  static Path sentinel(String content) throws IOException {
    Files.createDirectories(SENTINEL_DIR);
    Path file = SENTINEL_DIR.resolve("sentinel-" + UUID.randomUUID());
    Files.writeString(file, content);
    return file;
  }

  /**
   * The host is unharmed: no process carrying {@code marker} survives, the engine still runs a
   * trivial program, and the given host files keep their content.
   */
  static void assertHostUnharmed(String marker, Path... sentinels) throws Exception {
    List<Long> survivors = List.of();
    for (int i = 0; i < 50; i++) {
      survivors = processesMentioning(marker);
      if (survivors.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(survivors).as("processes left behind").isEmpty();
    for (Path sentinel : sentinels) {
      assertThat(Files.readString(sentinel)).startsWith("sentinel");
    }
    RunResult after = run("print('still fine')");
    assertThat(after.verdict()).isEqualTo(Verdict.OK);
    assertThat(after.stdout()).isEqualTo("still fine\n");
  }

  static List<Long> processesMentioning(String marker) throws IOException {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(marker)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException gone) {
          // exited meanwhile
        }
      }
    }
    return found;
  }
}
