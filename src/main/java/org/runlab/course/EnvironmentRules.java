package org.runlab.course;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runlab.platform.errors.InvalidInputException;

/**
 * What a lesson environment must be to be saved, each broken rule named with its field: a name fit
 * for lists and logs, and requirements in {@code requirements.txt} form that name packages and
 * versions only (no pip options, URLs or files: the engines install from their own package
 * sources), each bad line named by its number.
 */
public final class EnvironmentRules {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,59}");
  private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}");
  private static final String VERSION = "(===|==|!=|<=|>=|~=|<|>)\\s*[A-Za-z0-9.*+!_-]+";
  private static final Pattern REQUIREMENT = Pattern.compile(
      "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[A-Za-z0-9._,\\s-]+\\])?\\s*"
          + "(" + VERSION + "(\\s*,\\s*" + VERSION + ")*)?\\s*(;.*)?");
  static final int MAX_DESCRIPTION = 500;
  static final int MAX_LINES = 100;
  static final int MAX_REQUIREMENTS = 20_000;

  private EnvironmentRules() {}

  /** An environment as typed in the console. */
  public record Draft(String name, String description, String requirements, String e2bTemplate) {}

  static Draft check(Draft d) {
    String name = d.name() == null ? "" : d.name().strip();
    if (name.isEmpty()) {
      throw InvalidInputException.invalid("name", "Enter the environment's name.");
    }
    if (!NAME.matcher(name).matches()) {
      throw InvalidInputException.invalid("name", "The name '" + printable(name) + "' may use only lower-case"
          + " letters, digits, dots, dashes and underscores, start with a letter or digit, and have at most 60"
          + " characters.");
    }
    String description = d.description() == null ? "" : d.description().strip();
    if (description.length() > MAX_DESCRIPTION) {
      throw InvalidInputException.invalid("description", "A description has at most " + MAX_DESCRIPTION
          + " characters.");
    }
    String requirements = requirements(d.requirements());
    String template = d.e2bTemplate() == null ? "" : d.e2bTemplate().strip();
    if (!template.isEmpty() && !TEMPLATE.matcher(template).matches()) {
      throw InvalidInputException.invalid("template", "The E2B template '" + printable(template) + "' is not a"
          + " template name (letters, digits and _ . : / -, at most 100 characters).");
    }
    if (requirements.isEmpty() && template.isEmpty()) {
      throw InvalidInputException.invalid("requirements", "Give a requirements set, an E2B template, or both.");
    }
    return new Draft(name, description, requirements, template);
  }

  /** The requirements, one per line, trimmed; a line that is not a plain requirement is refused. */
  static String requirements(String text) {
    String all = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (all.length() > MAX_REQUIREMENTS) {
      throw InvalidInputException.invalid("requirements", "Requirements have at most " + MAX_REQUIREMENTS
          + " characters.");
    }
    if (all.isEmpty()) {
      return "";
    }
    String[] lines = all.split("\n");
    if (lines.length > MAX_LINES) {
      throw InvalidInputException.invalid("requirements", "Requirements have at most " + MAX_LINES + " lines.");
    }
    StringBuilder kept = new StringBuilder();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int hash = line.indexOf('#');
      String requirement = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (requirement.isEmpty()) {
        if (!line.isEmpty()) {
          kept.append(line).append('\n');
        }
        continue;
      }
      String problem = problem(requirement);
      if (problem != null) {
        throw InvalidInputException.invalid("requirements", "Line " + (i + 1) + " ('" + printable(requirement)
            + "') " + problem);
      }
      Matcher m = REQUIREMENT.matcher(requirement);
      m.matches();
      String key = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[._-]+", "-");
      Integer earlier = seen.putIfAbsent(key, i + 1);
      if (earlier != null) {
        throw InvalidInputException.invalid("requirements", "Line " + (i + 1) + " names " + m.group(1)
            + " again (it is on line " + earlier + " already).");
      }
      kept.append(line).append('\n');
    }
    return kept.toString().strip();
  }

  private static String problem(String requirement) {
    if (requirement.startsWith("-")) {
      return "is a pip option; only package names and versions are taken, since the engines install from"
          + " their own package sources.";
    }
    if (requirement.contains("://") || requirement.contains(" @ ") || requirement.startsWith(".")
        || requirement.startsWith("/")) {
      return "names a URL or a file; only package names and versions are taken.";
    }
    if (!REQUIREMENT.matcher(requirement).matches()) {
      return "is not a requirement: write a package name, optionally with a version such as numpy==2.4.6"
          + " or pandas>=2.2.";
    }
    return null;
  }

  private static String printable(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
