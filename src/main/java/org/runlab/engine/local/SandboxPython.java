package org.runlab.engine.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.runlab.engine.ProjectFile;

/**
 * What the Python inside the sandbox is, learned once at engine start by running a probe job in a
 * real sandbox: its version, its standard-library module names and which preload modules exist.
 */
record SandboxPython(String version, Set<String> stdlib, List<String> preloadable) {
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*(?:import|from)\\s+([A-Za-z_][A-Za-z0-9_]*)", Pattern.MULTILINE);

  /** Asks a fresh sandbox (which it then destroys) what its Python is. */
  static SandboxPython probe(SandboxProcess sandbox) throws IOException {
    try (sandbox) {
      try (OutputStream stdin = sandbox.process().getOutputStream()) {
        stdin.write("probe\t0\t0\t0\t-\n".getBytes(StandardCharsets.UTF_8));
      }
      String version = "";
      Set<String> stdlib = Set.of();
      List<String> preloaded = List.of();
      String answer =
          new String(sandbox.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      for (String line : answer.split("\n")) {
        String[] parts = line.split(" ", 2);
        String rest = parts.length > 1 ? parts[1].trim() : "";
        List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split(" "));
        switch (parts[0]) {
          case "version" -> version = rest;
          case "stdlib" -> stdlib = Set.copyOf(words);
          case "preloaded" -> preloaded = words;
          default -> { }
        }
      }
      if (stdlib.isEmpty()) {
        String err =
            new String(sandbox.process().getErrorStream().readNBytes(2048), StandardCharsets.UTF_8);
        throw new IOException("the sandbox's Python did not answer the probe: " + err.strip());
      }
      return new SandboxPython(version, stdlib, preloaded);
    }
  }

  /**
   * Has a fresh sandbox (which it then destroys) build matplotlib's font list, and copies it to
   * {@code target}, so that plots do not rebuild it on every run (0.3 to 0.6 s each).
   */
  static void buildFontCache(SandboxProcess sandbox, Path target) throws IOException {
    try (sandbox) {
      try (OutputStream stdin = sandbox.process().getOutputStream()) {
        stdin.write("fontcache\t0\t0\t0\t-\n".getBytes(StandardCharsets.UTF_8));
      }
      if (!sandbox.process().waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException("building the matplotlib font cache took too long");
      }
      Path built = sandbox.workDir().resolve("mpl");
      if (!Files.isDirectory(built, LinkOption.NOFOLLOW_LINKS)) {
        return; // no matplotlib
      }
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(built)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (name.startsWith("fontlist-") && name.endsWith(".json")
              && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.write(target.resolve(name), WorkFiles.readNoFollow(file, 4L << 20));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the font cache", e);
    }
  }

  /** A warning for each learner file or folder that hides a standard-library module. */
  List<String> shadowWarnings(List<ProjectFile> files) {
    List<String> warnings = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ProjectFile file : files) {
      String first = file.path().split("/", 2)[0];
      boolean folder = file.path().contains("/");
      String module = folder ? first : first.endsWith(".py") ? first.substring(0, first.length() - 3) : "";
      if (stdlib.contains(module) && seen.add(module)) {
        warnings.add(
            "Your " + (folder ? "folder '" + first + "/'" : "file '" + first + "'")
                + " has the same name as Python's standard module '" + module
                + "'; 'import " + module + "' will load yours, which can break other modules."
                + " Rename it.");
      }
    }
    return warnings;
  }

  /** The top-level modules the project's Python files import. */
  static Set<String> imports(List<ProjectFile> files) {
    Set<String> names = new LinkedHashSet<>();
    for (ProjectFile file : files) {
      if (file.path().endsWith(".py")) {
        Matcher m = IMPORT.matcher(file.content());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
