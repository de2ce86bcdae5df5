package org.runlab.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The non-Java files a sandbox needs (runner, requirements checker, seccomp filter), copied from
 * the classpath into a private directory the sandbox user can read, so they work inside a WAR.
 */
final class SandboxAssets {
  static final String RUNNER = "runner.py";
  static final String REQCHECK = "reqcheck.py";
  static final String SECCOMP = "seccomp.bpf";
  static final String PREFIX = "assets-";

  private final Path dir;
  private volatile List<Path> fontCacheFiles = List.of();

  private SandboxAssets(Path dir) {
    this.dir = dir;
  }

  static SandboxAssets extract(Path workRoot, Path python) throws IOException {
    Path dir =
        Files.createTempDirectory(
            workRoot, PREFIX, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name : new String[] {RUNNER, REQCHECK, SECCOMP}) {
      try (InputStream in = SandboxAssets.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("missing resource org/runlab/engine/local/" + name);
        }
        Path target = dir.resolve(name);
        Files.copy(in, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    compileRunner(dir, python);
    return new SandboxAssets(dir);
  }

  /**
   * Compiles our own runner to byte code (named as the sandbox sees it), so that no sandbox pays
   * for compiling it again. Only the engine's trusted file is compiled here, never learner code.
   */
  private static void compileRunner(Path dir, Path python) throws IOException {
    Path source = dir.resolve(RUNNER);
    String script =
        "import py_compile, sys; py_compile.compile(sys.argv[1], dfile=sys.argv[2], doraise=True)";
    Process p =
        new ProcessBuilder(
                python.toString(), "-I", "-S", "-c", script, source.toString(),
                SandboxCommand.ASSETS + "/" + RUNNER)
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("could not compile the runner: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling the runner", e);
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(
            file,
            PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  Path dir() {
    return dir;
  }

  /** Every file is still there: someone may have deleted the directory while the engine ran. */
  boolean intact() {
    for (String name : new String[] {RUNNER, REQCHECK, SECCOMP}) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        return false;
      }
    }
    return fontCacheFiles.stream().allMatch(Files::isRegularFile);
  }

  Path seccomp() {
    return dir.resolve(SECCOMP);
  }

  /** Where the prebuilt matplotlib font list goes, if matplotlib is installed. */
  Path fontCache() {
    return dir.resolve("mpl");
  }

  /** The prebuilt font cache files, bound read-only into each sandbox's MPLCONFIGDIR. */
  List<Path> fontCacheFiles() {
    return fontCacheFiles;
  }

  /** Takes note of the font cache files once they are built. */
  void fontCacheBuilt() throws IOException {
    if (Files.isDirectory(fontCache())) {
      try (Stream<Path> files = Files.list(fontCache())) {
        fontCacheFiles = files.sorted().toList();
      }
    }
  }
}
