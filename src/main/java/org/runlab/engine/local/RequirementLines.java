package org.runlab.engine.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code requirements.txt} read line by line before pip sees it: the subset of PEP 508 a
 * wheelhouse install accepts (a name, extras, version specifiers, a marker), each bad line with
 * its own message, and the normalised set whose hash names the environment layer.
 *
 * @param requirements the valid requirements, each with its line number
 * @param problems one message per line that cannot be installed, as the learner should read it
 */
record RequirementLines(List<Line> requirements, List<String> problems) {
  private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
  private static final String VERSION = "[A-Za-z0-9_.*+!-]+";
  private static final String CLAUSE = "(?:===|~=|==|!=|<=|>=|<|>)\\s*" + VERSION;
  private static final Pattern REQUIREMENT =
      Pattern.compile(
          "(" + NAME + ")\\s*(\\[\\s*(?:" + NAME + "(?:\\s*,\\s*" + NAME + ")*)?\\s*\\])?\\s*"
              + "(\\(?\\s*" + CLAUSE + "(?:\\s*,\\s*" + CLAUSE + ")*\\s*\\)?)?\\s*(;.*)?");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  /** One installable line: its number in the file, its text, and its project's normalised name. */
  record Line(int number, String text, String name) {}

  RequirementLines {
    requirements = List.copyOf(requirements);
    problems = List.copyOf(problems);
  }

  static RequirementLines parse(String text) {
    List<Line> ok = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]);
      if (line.isEmpty()) {
        continue;
      }
      String where = "requirements.txt line " + (i + 1) + ": ";
      Optional<String> problem = problem(line);
      if (problem.isPresent()) {
        problems.add(where + problem.get());
        continue;
      }
      Matcher m = REQUIREMENT.matcher(line);
      if (!m.matches()) {
        problems.add(where + "'" + line + "' is not a valid requirement (write a package name,"
            + " optionally with a version such as ==1.2 or >=1.0)");
        continue;
      }
      ok.add(new Line(i + 1, line, normalise(m.group(1))));
    }
    return new RequirementLines(ok, problems);
  }

  private static Optional<String> problem(String line) {
    if (line.startsWith("-e") || line.startsWith("--editable")) {
      return Optional.of("editable installs ('" + line + "') are not supported; list the package by name");
    }
    if (line.startsWith("-")) {
      return Optional.of("pip options such as '" + line.split("\\s+")[0] + "' are not supported on this server");
    }
    if (line.contains("://") || line.matches("^(git|hg|svn|bzr)\\+.*") || line.contains("@")) {
      return Optional.of("installing from a URL ('" + line + "') is not supported; list the package by name");
    }
    return Optional.empty();
  }

  private static String stripComment(String raw) {
    String line = raw.strip();
    if (line.startsWith("#")) {
      return "";
    }
    int hash = line.indexOf(" #");
    return (hash >= 0 ? line.substring(0, hash) : line).strip();
  }

  /** A project name as PEP 503 compares them: lower case, runs of -_. as one dash. */
  static String normalise(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The line that asks for {@code project}, or empty. */
  Optional<Line> lineFor(String project) {
    String wanted = normalise(project);
    return requirements.stream().filter(l -> l.name().equals(wanted)).findFirst();
  }

  /** The requirements as pip reads them, one per line, in a stable order. */
  String normalisedText() {
    TreeSet<String> lines = new TreeSet<>();
    for (Line l : requirements) {
      lines.add(l.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT));
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * The name of the layer these requirements install into: the same for the same set of lines
   * whatever their order, case, spacing or comments, and for the same interpreter.
   */
  String key(String pythonVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("python " + pythonVersion + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(normalisedText().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
