package org.runlab.course;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.runlab.platform.errors.InvalidInputException;

/**
 * A course as a zip of Markdown and files, so a course can be kept in git:
 *
 * <pre>
 * course.md                    front matter (slug, title, order, published) then the summary
 * lessons/01-hello/lesson.md   front matter (slug, title, entry, files) then the lesson's Markdown
 * lessons/01-hello/main.py     its starter files (sub-folders allowed)
 * </pre>
 *
 * Lessons are ordered by their folder names; a lesson's files in the order its {@code files} line
 * lists them, the others after, by name.
 */
public final class CourseArchive {
  static final String COURSE = "course.md";
  static final String LESSONS = "lessons/";
  static final String LESSON = "lesson.md";

  private CourseArchive() {}

  /** A course read from a zip: the course, and its lessons in order. */
  public record Contents(CourseRules.CourseDraft course, boolean published, List<CourseRules.LessonDraft> lessons) {}

  public static byte[] write(Course course) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      put(zip, COURSE, "---\nslug: " + course.getSlug() + "\ntitle: " + course.getTitle() + "\norder: "
          + course.getOrdinal() + "\npublished: " + course.isPublished() + "\n---\n" + course.getSummary() + "\n");
      int n = 1;
      for (Lesson l : course.getLessons()) {
        String dir = LESSONS + String.format("%02d-%s/", n++, l.getSlug());
        StringBuilder files = new StringBuilder();
        for (StarterFile f : l.getStarterFiles()) {
          files.append(files.length() == 0 ? "" : ", ").append(f.getPath());
        }
        put(zip, dir + LESSON, "---\nslug: " + l.getSlug() + "\ntitle: " + l.getTitle() + "\nentry: "
            + l.getEntryFile() + "\nfiles: " + files + "\n---\n" + l.getInstructions());
        for (StarterFile f : l.getStarterFiles()) {
          put(zip, dir + f.getPath(), f.getContent());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /**
   * Reads a course zip; anything wrong (not a zip, unsafe or missing names, too large, not UTF-8
   * text, a lesson without front matter) is an {@link InvalidInputException} on field {@code zip}
   * naming the entry. Nothing is written by reading.
   */
  public static Contents read(byte[] zipBytes, long maxBytes) {
    if (zipBytes == null || zipBytes.length == 0) {
      throw InvalidInputException.invalid("zip", "Choose a course zip to import.");
    }
    if (zipBytes.length > maxBytes) {
      throw InvalidInputException.invalid("zip", "The zip has " + zipBytes.length + " bytes; at most " + maxBytes
          + " are taken.");
    }
    Map<String, String> entries = new TreeMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains("../") || name.startsWith("..")) {
          throw InvalidInputException.invalid("zip", "The zip holds an unsafe name: '" + name + "'.");
        }
        byte[] data = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - total + 1));
        total += data.length;
        if (total > maxBytes) {
          throw InvalidInputException.invalid("zip", "The zip unpacks to more than " + maxBytes + " bytes.");
        }
        entries.put(name, utf8(name, data));
      }
    } catch (ZipException e) {
      throw InvalidInputException.invalid("zip", "This is not a zip file Runlab can read (" + e.getMessage() + ").");
    } catch (IOException e) {
      throw InvalidInputException.invalid("zip", "The zip could not be read (" + e.getMessage() + ").");
    }
    if (entries.isEmpty()) {
      throw InvalidInputException.invalid("zip", "This is not a course zip: it is empty or not a zip file at all.");
    }
    return parse(entries);
  }

  private static String utf8(String name, byte[] data) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      throw InvalidInputException.invalid("zip", "'" + name + "' is not UTF-8 text; starter files are text.");
    }
  }

  private static Contents parse(Map<String, String> entries) {
    String courseMd = entries.get(COURSE);
    if (courseMd == null) {
      throw InvalidInputException.invalid("zip", "The zip has no " + COURSE + " at its top.");
    }
    FrontMatter cm = FrontMatter.of(COURSE, courseMd);
    int order = parseInt(cm.get("order", "0"), COURSE, "order");
    CourseRules.CourseDraft course = new CourseRules.CourseDraft(cm.get("slug", ""), cm.get("title", ""),
        cm.body().strip(), order);
    boolean published = !"false".equalsIgnoreCase(cm.get("published", "true"));
    Map<String, Map<String, String>> byLesson = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String name = e.getKey();
      if (name.equals(COURSE)) {
        continue;
      }
      if (!name.startsWith(LESSONS) || name.indexOf('/', LESSONS.length()) < 0) {
        throw InvalidInputException.invalid("zip", "'" + name + "' is neither " + COURSE + " nor under "
            + LESSONS + "<folder>/.");
      }
      int slash = name.indexOf('/', LESSONS.length());
      byLesson.computeIfAbsent(name.substring(LESSONS.length(), slash), k -> new LinkedHashMap<>())
          .put(name.substring(slash + 1), e.getValue());
    }
    List<CourseRules.LessonDraft> lessons = new ArrayList<>();
    int ordinal = 0;
    for (Map.Entry<String, Map<String, String>> l : byLesson.entrySet()) {
      String md = l.getValue().remove(LESSON);
      if (md == null) {
        throw InvalidInputException.invalid("zip", "The folder " + LESSONS + l.getKey() + "/ has no " + LESSON + ".");
      }
      FrontMatter fm = FrontMatter.of(LESSONS + l.getKey() + "/" + LESSON, md);
      List<CourseRules.FileDraft> files = new ArrayList<>();
      Map<String, String> rest = new TreeMap<>(l.getValue());
      for (String listed : fm.get("files", "").split(",")) {
        String p = listed.strip();
        if (!p.isEmpty() && rest.containsKey(p)) {
          files.add(new CourseRules.FileDraft(p, rest.remove(p)));
        }
      }
      rest.forEach((p, c) -> files.add(new CourseRules.FileDraft(p, c)));
      lessons.add(new CourseRules.LessonDraft(fm.get("slug", ""), fm.get("title", ""), ordinal++, fm.body(),
          fm.get("entry", "main.py"), files));
    }
    return new Contents(course, published, lessons);
  }

  private static int parseInt(String s, String file, String key) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw InvalidInputException.invalid("zip", file + ": '" + key + "' is not a whole number.");
    }
  }

  /** "---" lines around "key: value" lines, then the body. */
  private record FrontMatter(Map<String, String> values, String body) {
    static FrontMatter of(String file, String text) {
      String t = text.replace("\r\n", "\n");
      if (!t.startsWith("---\n")) {
        throw InvalidInputException.invalid("zip", file + " must start with a '---' line, then 'key: value' lines"
            + " (slug, title, ...) and another '---' line.");
      }
      int end = t.indexOf("\n---", 3);
      if (end < 0) {
        throw InvalidInputException.invalid("zip", file + ": the front matter has no closing '---' line.");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : t.substring(4, end).split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          values.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
        }
      }
      int bodyStart = t.indexOf('\n', end + 1);
      return new FrontMatter(values, bodyStart < 0 ? "" : t.substring(bodyStart + 1));
    }

    String get(String key, String otherwise) {
      return values.getOrDefault(key, otherwise);
    }
  }
}
