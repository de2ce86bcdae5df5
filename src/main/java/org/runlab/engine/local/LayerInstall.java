package org.runlab.engine.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pip install from the wheelhouse into a new layer directory, inside a sandbox with the same
 * isolation as a learner's run (no network, uid 65534, seccomp, its own cgroup), within a time
 * limit. pip's progress lines go to the page; its errors become per-line messages.
 */
final class LayerInstall {
  /** pip with a few pure-Python wheels needs ~60 MiB; native wheels unpack larger. */
  private static final long MEMORY_BYTES = 1L << 30;
  private static final int PROCESSES = 64;
  private static final int KEPT_LINES = 400;

  private final LocalEngineSettings settings;
  private final Cgroups cgroups;
  private final SandboxAssets assets;

  LayerInstall(LocalEngineSettings settings, Cgroups cgroups, SandboxAssets assets) {
    this.settings = settings;
    this.cgroups = cgroups;
    this.assets = assets;
  }

  /** Installs {@code lines} into {@code target} (created here), or says why it could not. */
  void into(Path target, RequirementLines lines, Duration limit, Consumer<String> progress)
      throws IOException, InstallFailed, InterruptedException {
    String id = RunCgroup.PREFIX + "install-" + UUID.randomUUID();
    Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setAttribute(target, "unix:uid", settings.sandboxUid());
    Files.setAttribute(target, "unix:gid", settings.sandboxUid());
    Path requirements = target.resolveSibling(id + ".txt");
    StringBuilder text = new StringBuilder();
    lines.requirements().forEach(l -> text.append(l.text()).append('\n'));
    Files.writeString(requirements, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(requirements, PosixFilePermissions.fromString("rw-r--r--"));
    RunCgroup cgroup = cgroups.create(id, MEMORY_BYTES, PROCESSES, settings.cpuCores());
    Process process = null;
    try {
      // pip unpacks into /tmp before it copies to the target, so /tmp holds up to a layer's size.
      ProcessBuilder pb = new ProcessBuilder(SandboxCommand.install(settings, assets, cgroup,
          settings.wheelhouse(), requirements, target,
          Math.max(settings.environmentCacheBytes(), settings.tmpBytes())))
          .directory(Path.of("/").toFile()).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      process = pb.start();
      Deque<String> output = new ArrayDeque<>();
      Process started = process;
      Thread reader = new Thread(() -> read(started, output, progress), "runlab-layer-install");
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw InstallFailed.tookTooLong(limit);
      }
      reader.join(2000);
      if (process.exitValue() != 0) {
        String said;
        synchronized (output) {
          said = String.join("\n", output);
        }
        if (cgroup.usage().oomKills() > 0) {
          throw new InstallFailed(java.util.List.of("installing the requirements needed more than "
              + (MEMORY_BYTES >> 20) + " MiB of memory"), false);
        }
        throw new InstallFailed(PipReport.problems(said, lines), false);
      }
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      cgroup.remove();
      Files.deleteIfExists(requirements);
    }
  }

  /** Keeps pip's last lines for the error report and passes its progress on. */
  private static void read(Process process, Deque<String> output, Consumer<String> progress) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          output.addLast(line);
          if (output.size() > KEPT_LINES) {
            output.removeFirst();
          }
        }
        String shown = progressLine(line);
        if (shown != null) {
          progress.accept(shown);
        }
      }
    } catch (IOException killed) {
      // the install was stopped; what it said so far is kept
    }
  }

  /** The lines of pip's output a learner may care about while waiting, or null. */
  static String progressLine(String line) {
    if (line.startsWith("Processing ")) {
      return "Unpacking " + line.substring(line.lastIndexOf('/') + 1);
    }
    if (line.startsWith("Installing collected packages:") || line.startsWith("Successfully installed")) {
      return line.strip();
    }
    return null;
  }
}
