package org.runlab.engine.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A wheelhouse made in the test itself: small pure-Python packages written from source and built
 * into wheels with Debian's {@code python3 -m pip wheel}, offline (no index, no build isolation).
 */
public final class TestWheelhouse {
  private TestWheelhouse() {}

  /**
   * One package to build: its name, version, dependencies (requirement strings), the content of
   * its {@code __init__.py}, and how many extra modules to add (to make a large install).
   */
  public record Package(String name, String version, List<String> dependencies, String init, int extraModules) {
    public Package(String name, String version, List<String> dependencies, String init) {
      this(name, version, dependencies, init, 0);
    }
  }

  /** Builds every package into wheels in {@code wheelhouse} (created), in one pip call. */
  public static Path build(Path wheelhouse, List<Package> packages) throws IOException, InterruptedException {
    Files.createDirectories(wheelhouse);
    // the sandbox user reads the wheelhouse, as an operator's must allow
    Files.setPosixFilePermissions(wheelhouse, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sources = Files.createTempDirectory("runlab-wheel-src-");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-m", "pip", "wheel", "--isolated",
        "--no-index", "--no-build-isolation", "--no-deps", "--disable-pip-version-check", "-q",
        "-w", wheelhouse.toString()));
    for (Package p : packages) {
      Path src = sources.resolve(p.name() + "-" + p.version());
      Path module = Files.createDirectories(src.resolve(p.name().replace('-', '_')));
      Files.writeString(module.resolve("__init__.py"), p.init(), StandardCharsets.UTF_8);
      for (int i = 0; i < p.extraModules(); i++) {
        Files.writeString(module.resolve("m" + i + ".py"), "X = " + i + "\n" + "# padding\n".repeat(50));
      }
      StringBuilder deps = new StringBuilder();
      for (String d : p.dependencies()) {
        deps.append(deps.length() == 0 ? "" : ", ").append('"').append(d).append('"');
      }
      Files.writeString(src.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"]\n"
          + "build-backend = \"setuptools.build_meta\"\n[project]\nname = \"" + p.name() + "\"\nversion = \""
          + p.version() + "\"\ndependencies = [" + deps + "]\n[tool.setuptools]\npackages = [\""
          + p.name().replace('-', '_') + "\"]\n");
      cmd.add(src.toString());
    }
    Process pip = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(pip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (pip.waitFor() != 0) {
      throw new IOException("pip wheel failed: " + output);
    }
    SandboxProcess.deleteTree(sources);
    return wheelhouse;
  }
}
