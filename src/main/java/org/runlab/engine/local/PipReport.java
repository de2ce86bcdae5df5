package org.runlab.engine.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns pip's output from a failed wheelhouse install into one message per requirement line: a
 * package the wheelhouse lacks, a version it lacks, a conflict between lines, a line pip cannot
 * read. Whatever pip says that this does not recognise is passed on in its own last words.
 */
final class PipReport {
  private static final Pattern NO_VERSION =
      Pattern.compile("Could not find a version that satisfies the requirement (\\S+)"
          + "(?: \\(from (?!versions:)([^)]*)\\))?(?: \\(from versions: ([^)]*)\\))?");
  private static final Pattern USER_REQUESTED = Pattern.compile("^\\s*The user requested (\\S+)");
  private static final Pattern DEPENDS =
      Pattern.compile("^\\s*(\\S+) (\\S+) depends on (.+?)\\s*$");
  private static final Pattern INVALID =
      Pattern.compile("Invalid requirement: '(.*)' \\(from line (\\d+) of");
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*");

  private PipReport() {}

  static List<String> problems(String output, RequirementLines lines) {
    Set<String> problems = new LinkedHashSet<>();
    String[] all = output.split("\r?\n");
    List<String> conflict = new ArrayList<>();
    boolean inConflict = false;
    for (String line : all) {
      Matcher m = NO_VERSION.matcher(line);
      Matcher invalid = INVALID.matcher(line);
      if (m.find()) {
        problems.add(missing(m.group(1), m.group(3), lines));
      } else if (invalid.find()) {
        problems.add("requirements.txt line " + invalid.group(2) + ": '" + invalid.group(1)
            + "' is not a valid requirement");
      } else if (line.startsWith("The conflict is caused by")) {
        inConflict = true;
      } else if (inConflict && line.isBlank()) {
        inConflict = conflict.isEmpty();
      } else if (inConflict) {
        conflict.add(line.strip());
      }
    }
    if (!conflict.isEmpty()) {
      problems.addAll(conflicts(conflict, lines));
    }
    if (problems.isEmpty()) {
      String last = "";
      for (String line : all) {
        if (line.startsWith("ERROR:")) {
          last = line.substring("ERROR:".length()).strip();
        }
      }
      problems.add("installing the requirements failed"
          + (last.isEmpty() ? "" : ": " + last));
    }
    return List.copyOf(problems);
  }

  private static String missing(String requirement, String versions, RequirementLines lines) {
    String project = name(requirement);
    Optional<RequirementLines.Line> line = lines.lineFor(project);
    String where = line.map(l -> "requirements.txt line " + l.number() + ": ")
        .orElse("requirements.txt: a package you listed needs '" + requirement + "', but ");
    boolean none = versions == null || versions.isBlank() || versions.strip().equals("none");
    String what = none
        ? "'" + project + "' is not in this server's wheelhouse"
        : "no version of '" + project + "' matching " + requirement.substring(project.length())
            + " is in this server's wheelhouse (it has " + versions.strip() + ")";
    return where + what;
  }

  private static List<String> conflicts(List<String> causes, RequirementLines lines) {
    List<String> messages = new ArrayList<>();
    String why = String.join("; ", causes);
    for (String cause : causes) {
      Matcher user = USER_REQUESTED.matcher(cause);
      Matcher depends = DEPENDS.matcher(cause);
      String project = user.find() ? name(user.group(1)) : depends.find() ? depends.group(1) : null;
      if (project == null) {
        continue;
      }
      lines.lineFor(project).ifPresent(l -> messages.add("requirements.txt line " + l.number() + ": '"
          + l.text() + "' conflicts with another requirement (" + why + ")"));
    }
    if (messages.isEmpty()) {
      messages.add("requirements.txt: the requirements conflict (" + why + ")");
    }
    return new ArrayList<>(new LinkedHashSet<>(messages));
  }

  private static String name(String requirement) {
    Matcher m = NAME.matcher(requirement);
    String name = m.find() ? m.group() : requirement;
    // a trailing dot or dash belongs to a version clause, not the name
    return name.replaceAll("[._-]+$", "");
  }
}
