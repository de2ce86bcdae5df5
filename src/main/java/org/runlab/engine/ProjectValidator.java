package org.runlab.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a learner's file list before anything runs: how many files, how many bytes, and that every
 * path is a plain relative path. Answers with a refusal that names the offending file.
 */
public final class ProjectValidator {
  private static final int MAX_PATH_CHARS = 255;

  private final int maxFiles;
  private final long maxBytes;

  public ProjectValidator(int maxFiles, long maxBytes) {
    this.maxFiles = maxFiles;
    this.maxBytes = maxBytes;
  }

  /** The reason to refuse these files and entry point, or empty when they may run. */
  public Optional<String> refusal(List<ProjectFile> files, String entry) {
    if (files.isEmpty()) {
      return Optional.of("The project has no files.");
    }
    if (files.size() > maxFiles) {
      return Optional.of(
          "The project has " + files.size() + " files; at most " + maxFiles + " are allowed.");
    }
    long total = 0;
    Set<String> paths = new HashSet<>();
    for (ProjectFile file : files) {
      Optional<String> bad = pathProblem(file.path());
      if (bad.isPresent()) {
        return Optional.of("File '" + printable(file.path()) + "' " + bad.get());
      }
      if (!paths.add(file.path())) {
        return Optional.of("File '" + file.path() + "' appears twice.");
      }
      total += file.content().getBytes(StandardCharsets.UTF_8).length;
      if (total > maxBytes) {
        return Optional.of(
            "The project is larger than " + maxBytes + " bytes (reached at '" + file.path() + "').");
      }
    }
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          return Optional.of(
              "File '" + path.substring(0, slash) + "' is also used as a folder by '" + path + "'.");
        }
      }
    }
    if (!paths.contains(entry)) {
      return Optional.of("The entry file '" + printable(entry) + "' is not among the project files.");
    }
    if (!entry.endsWith(".py")) {
      return Optional.of("The entry file '" + printable(entry) + "' is not a Python (.py) file.");
    }
    return Optional.empty();
  }

  private static Optional<String> pathProblem(String path) {
    if (path.isEmpty()) {
      return Optional.of("has an empty name.");
    }
    if (path.length() > MAX_PATH_CHARS) {
      return Optional.of("has a path longer than " + MAX_PATH_CHARS + " characters.");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0 || Character.isISOControl(c)) {
        return Optional.of("has a control character in its name.");
      }
      if (c == '\\') {
        return Optional.of("uses '\\'; separate folders with '/'.");
      }
    }
    if (path.startsWith("/")) {
      return Optional.of("has an absolute path; paths must be relative.");
    }
    if (path.length() > 1 && path.charAt(1) == ':') {
      return Optional.of("has a drive letter; paths must be relative.");
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        return Optional.of("points outside the project ('..').");
      }
      if (part.isEmpty() || part.equals(".")) {
        return Optional.of("is not a normalised path (empty or '.' parts).");
      }
    }
    return Optional.empty();
  }

  private static String printable(String path) {
    StringBuilder out = new StringBuilder();
    path.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
