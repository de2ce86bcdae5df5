package org.runlab.engine.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One started, one-shot sandbox: its work directory, its cgroup and the runner process waiting for
 * a job. It runs at most one program and is then destroyed, never reused.
 */
final class SandboxProcess implements AutoCloseable {
  static final String READY = "\u001erunlab ready";
  /** Limits while waiting for a job; the run sets its own at hand-over. */
  private static final long WAITING_MEMORY_BYTES = 1L << 30;
  private static final int WAITING_PROCESSES = 256;

  private final Path workDir;
  private final RunCgroup cgroup;
  private final Process process;
  private boolean ready;

  private SandboxProcess(Path workDir, RunCgroup cgroup, Process process) {
    this.workDir = workDir;
    this.cgroup = cgroup;
    this.process = process;
  }

  /**
   * Launches a sandbox without waiting for its runner; call {@link #awaitReady} before reading its
   * output. A cold run hands its job over at once, so the runner starts while the job is written.
   */
  static SandboxProcess launch(
      LocalEngineSettings settings, Cgroups cgroups, SandboxAssets assets, List<String> preload)
      throws IOException {
    return launch(settings, cgroups, assets, preload, null);
  }

  /** Launches a sandbox with an environment {@code layer} (installed packages) bound in, or none. */
  static SandboxProcess launch(
      LocalEngineSettings settings, Cgroups cgroups, SandboxAssets assets, List<String> preload, Path layer)
      throws IOException {
    String id = RunCgroup.PREFIX + UUID.randomUUID();
    Path workDir =
        Files.createDirectory(
            settings.workRoot().resolve(id),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setAttribute(workDir, "unix:uid", settings.sandboxUid());
    Files.setAttribute(workDir, "unix:gid", settings.sandboxUid());
    RunCgroup cgroup = null;
    try {
      cgroup = cgroups.create(id, WAITING_MEMORY_BYTES, WAITING_PROCESSES, settings.cpuCores());
      List<String> cmd = SandboxCommand.build(settings, assets, workDir, cgroup, preload, layer);
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("/").toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      return new SandboxProcess(workDir, cgroup, pb.start());
    } catch (IOException | RuntimeException e) {
      new SandboxProcess(workDir, cgroup, null).close();
      throw e;
    }
  }

  /** Launches a sandbox and waits until its runner is ready, for the warm pool. */
  static SandboxProcess start(
      LocalEngineSettings settings,
      Cgroups cgroups,
      SandboxAssets assets,
      List<String> preload,
      ScheduledExecutorService timer)
      throws IOException {
    SandboxProcess sandbox = launch(settings, cgroups, assets, preload);
    try {
      sandbox.awaitReady(settings.startTimeout().toMillis(), timer);
      return sandbox;
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  /**
   * Consumes the runner's ready line.
   *
   * @throws IOException with bubblewrap's own words when the sandbox did not come up in time
   */
  void awaitReady(long timeoutMillis, ScheduledExecutorService timer) throws IOException {
    if (ready) {
      return;
    }
    ScheduledFuture<?> deadline =
        timer.schedule(process::destroyForcibly, timeoutMillis, TimeUnit.MILLISECONDS);
    String first = readLine(process.getInputStream());
    deadline.cancel(false);
    if (!READY.equals(first)) {
      process.destroyForcibly();
      String err = new String(process.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8);
      throw new IOException("sandbox did not start: " + (err.isBlank() ? first : err.strip()));
    }
    ready = true;
  }

  /** Reads up to a newline, byte by byte, so nothing after it is consumed. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (line.size() < 1 << 20) {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  Path workDir() {
    return workDir;
  }

  RunCgroup cgroup() {
    return cgroup;
  }

  Process process() {
    return process;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the whole tree: bwrap (which takes its PID namespace along), then every cgroup task. */
  void kill() {
    process.destroyForcibly();
    if (cgroup != null) {
      cgroup.killAll();
    }
  }

  /** Kills everything and removes the work directory and the cgroup. */
  @Override
  public void close() {
    if (process != null) {
      kill();
      try {
        process.waitFor(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteTree(workDir);
    if (cgroup != null) {
      cgroup.remove();
    }
  }

  /** Deletes a directory tree without following symbolic links. */
  static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a leftover directory is swept at the next start
    }
  }
}
