package org.runlab.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.runlab.platform.errors.InvalidInputException;

class CourseArchiveTest {
  private static final long MAX = 1 << 20;

  @Test
  void theDemoCourseSurvivesExportAndImport() {
    Course demo = DemoCourseSeeder.demoCourse();
    CourseArchive.Contents back = CourseArchive.read(CourseArchive.write(demo), MAX);
    assertThat(back.course().slug()).isEqualTo("python-basics");
    assertThat(back.course().title()).isEqualTo(demo.getTitle());
    assertThat(back.lessons()).extracting(CourseRules.LessonDraft::slug)
        .containsExactly("hello", "input-output", "modules", "data-frames", "plotting");
    CourseRules.LessonDraft modules = back.lessons().get(2);
    assertThat(modules.entry()).isEqualTo("main.py");
    assertThat(modules.files()).extracting(CourseRules.FileDraft::path).containsExactly("main.py", "geometry.py");
    assertThat(modules.markdown()).isEqualTo(demo.getLessons().get(2).getInstructions());
    assertThat(modules.files().get(1).content()).isEqualTo(demo.getLessons().get(2).getStarterFiles().get(1).getContent());
  }

  @Test
  void somethingThatIsNotAZipIsRefusedOnTheZipField() {
    assertThatThrownBy(() -> CourseArchive.read("not a zip".getBytes(StandardCharsets.UTF_8), MAX))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("zip");
          assertThat(e.detail()).contains("not a zip file");
        });
  }

  @Test
  void aZipEscapingItsFolderIsRefused() throws Exception {
    byte[] zip = zip(Map.of("course.md", "---\nslug: a\ntitle: A\n---\n", "../../etc/passwd", "x"));
    assertThatThrownBy(() -> CourseArchive.read(zip, MAX)).hasMessageContaining("unsafe name");
  }

  @Test
  void aZipThatUnpacksTooLargeIsRefused() throws Exception {
    byte[] zip = zip(Map.of("course.md", "---\nslug: a\ntitle: A\n---\n", "lessons/01-a/big.py", "#".repeat(4000)));
    assertThat(zip.length).isLessThan(1000);
    assertThatThrownBy(() -> CourseArchive.read(zip, 2000)).hasMessageContaining("unpacks to more than 2000 bytes");
  }

  @Test
  void aLessonWithoutFrontMatterIsNamed() throws Exception {
    byte[] zip = zip(Map.of("course.md", "---\nslug: a\ntitle: A\n---\n", "lessons/01-a/lesson.md", "# no front matter"));
    assertThatThrownBy(() -> CourseArchive.read(zip, MAX)).hasMessageContaining("lessons/01-a/lesson.md must start");
  }

  @Test
  void unsafeFileNamesOversizedFilesAndAMissingEntryAreNamedByField() {
    assertThatThrownBy(() -> CourseRules.check(lesson("ok", List.of(new CourseRules.FileDraft(".env", "x")), ".env"), 10, 100))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("files"));
    assertThatThrownBy(() -> CourseRules.check(lesson("ok", List.of(new CourseRules.FileDraft("a/../b.py", "x")), "a/../b.py"), 10, 100))
        .hasMessageContaining("points outside the lesson");
    assertThatThrownBy(() -> CourseRules.check(lesson("ok", List.of(new CourseRules.FileDraft("main.py", "#".repeat(101))), "main.py"), 10, 100))
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> CourseRules.check(lesson("ok", List.of(new CourseRules.FileDraft("main.py", "")), "other.py"), 10, 100))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("entry"));
    assertThatThrownBy(() -> CourseRules.check(lesson("Not A Slug", List.of(new CourseRules.FileDraft("main.py", "")), "main.py"), 10, 100))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    assertThat(CourseRules.check(lesson("ok", List.of(new CourseRules.FileDraft("main.py", ""),
        new CourseRules.FileDraft("lib/util.py", "")), "main.py"), 10, 100).files()).hasSize(2);
  }

  @Test
  void markdownWithScriptIsRenderedAsText() {
    assertThat(MarkdownRenderer.toSafeHtml("# Hi\n<script>alert(1)</script>"))
        .contains("&lt;script&gt;").doesNotContain("<script>");
  }

  private static CourseRules.LessonDraft lesson(String slug, List<CourseRules.FileDraft> files, String entry) {
    return new CourseRules.LessonDraft(slug, "Title", 0, "text", entry, files);
  }

  private static byte[] zip(Map<String, String> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new LinkedHashMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
