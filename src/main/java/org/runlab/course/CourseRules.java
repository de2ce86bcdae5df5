package org.runlab.course;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.runlab.platform.errors.InvalidInputException;

/**
 * What a course and a lesson must be to be saved, each broken rule named with its field: slugs
 * that fit a URL, titles, Markdown of a sane size, starter files with safe names and sizes, and an
 * entry file among them.
 */
public final class CourseRules {
  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
  static final int MAX_TITLE = 200;
  static final int MAX_SUMMARY = 2000;
  static final int MAX_MARKDOWN = 100_000;
  static final int MAX_PATH = 255;

  private CourseRules() {}

  /** A course as typed in the console or read from a zip. */
  public record CourseDraft(String slug, String title, String summary, int ordinal) {}

  /** One starter file as typed or read from a zip. */
  public record FileDraft(String path, String content) {}

  /** A lesson as typed in the console or read from a zip; {@code entry} is the file that runs first. */
  public record LessonDraft(String slug, String title, int ordinal, String markdown, String entry,
      List<FileDraft> files) {}

  static CourseDraft check(CourseDraft d) {
    String slug = slug("slug", d.slug());
    String title = text("title", d.title(), MAX_TITLE, "Enter the course's title.");
    String summary = d.summary() == null ? "" : d.summary().strip();
    if (summary.length() > MAX_SUMMARY) {
      throw InvalidInputException.invalid("summary", "A summary has at most " + MAX_SUMMARY + " characters.");
    }
    return new CourseDraft(slug, title, summary, d.ordinal());
  }

  static LessonDraft check(LessonDraft d, int maxFiles, long maxFileBytes) {
    String slug = slug("slug", d.slug());
    String title = text("title", d.title(), MAX_TITLE, "Enter the lesson's title.");
    String markdown = d.markdown() == null ? "" : d.markdown();
    if (markdown.length() > MAX_MARKDOWN) {
      throw InvalidInputException.invalid("markdown", "The lesson text has at most " + MAX_MARKDOWN + " characters.");
    }
    List<FileDraft> files = d.files() == null ? List.of() : d.files();
    if (files.isEmpty()) {
      throw InvalidInputException.invalid("files", "A lesson needs at least one starter file.");
    }
    if (files.size() > maxFiles) {
      throw InvalidInputException.invalid("files", "A lesson has at most " + maxFiles + " starter files.");
    }
    Set<String> paths = new HashSet<>();
    for (FileDraft f : files) {
      String path = f.path() == null ? "" : f.path().strip();
      pathProblem(path).ifPresent(p -> {
        throw InvalidInputException.invalid("files", "The file name '" + printable(path) + "' " + p);
      });
      if (!paths.add(path)) {
        throw InvalidInputException.invalid("files", "The file '" + path + "' appears twice.");
      }
      long bytes = (f.content() == null ? "" : f.content()).getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxFileBytes) {
        throw InvalidInputException.invalid("files", "The file '" + path + "' has " + bytes
            + " bytes; a starter file has at most " + maxFileBytes + ".");
      }
      if (f.content() != null && f.content().indexOf('\0') >= 0) {
        throw InvalidInputException.invalid("files", "The file '" + path + "' is not text (it holds a NUL byte).");
      }
    }
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          throw InvalidInputException.invalid("files",
              "The file '" + path.substring(0, slash) + "' is also used as a folder by '" + path + "'.");
        }
      }
    }
    String entry = d.entry() == null ? "" : d.entry().strip();
    if (!paths.contains(entry)) {
      throw InvalidInputException.invalid("entry", "Choose which starter file runs first (one of " + paths + ").");
    }
    if (!entry.endsWith(".py")) {
      throw InvalidInputException.invalid("entry", "The file that runs first must be a Python (.py) file.");
    }
    List<FileDraft> clean = files.stream()
        .map(f -> new FileDraft(f.path().strip(), f.content() == null ? "" : f.content())).toList();
    return new LessonDraft(slug, title, d.ordinal(), markdown, entry, clean);
  }

  static String slug(String field, String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      throw InvalidInputException.invalid(field, "Enter a slug: the name in the address, like hello-python.");
    }
    if (!SLUG.matcher(s).matches()) {
      throw InvalidInputException.invalid(field, "A slug is 1 to 80 lower-case letters, digits and dashes, "
          + "starting with a letter or digit (like hello-python).");
    }
    return s;
  }

  private static String text(String field, String raw, int max, String empty) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      throw InvalidInputException.invalid(field, empty);
    }
    if (s.length() > max) {
      throw InvalidInputException.invalid(field, "At most " + max + " characters.");
    }
    if (s.codePoints().anyMatch(Character::isISOControl)) {
      throw InvalidInputException.invalid(field, "Control characters are not allowed here.");
    }
    return s;
  }

  /** Why a starter file's path is unsafe, or empty when it is fine. */
  static java.util.Optional<String> pathProblem(String path) {
    if (path.isEmpty()) {
      return java.util.Optional.of("is empty.");
    }
    if (path.length() > MAX_PATH) {
      return java.util.Optional.of("is longer than " + MAX_PATH + " characters.");
    }
    if (path.startsWith("/") || path.contains("\\") || (path.length() > 1 && path.charAt(1) == ':')) {
      return java.util.Optional.of("must be relative, with '/' between folders.");
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..") || part.equals(".")) {
        return java.util.Optional.of("points outside the lesson ('" + part + "').");
      }
      if (!PATH_PART.matcher(part).matches()) {
        return java.util.Optional.of("may use only letters, digits, '.', '_' and '-' (not starting with '.' or '-'),"
            + " with '/' between folders.");
      }
    }
    return java.util.Optional.empty();
  }

  private static String printable(String path) {
    StringBuilder out = new StringBuilder();
    path.codePoints().limit(120).forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
