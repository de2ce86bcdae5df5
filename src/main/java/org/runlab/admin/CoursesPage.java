package org.runlab.admin;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.runlab.course.Course;
import org.runlab.course.CourseAuthoring;
import org.runlab.course.CourseRules;
import org.runlab.course.Lesson;
import org.runlab.course.MarkdownRenderer;
import org.runlab.course.StarterFile;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Courses: create and edit courses and lessons (title, slug, order, Markdown with a preview,
 * several starter files and which one runs first), publish and unpublish, import and export a
 * course as a zip. A refusal is shown beside its field and the form keeps what was typed.
 */
@Named
@ViewScoped
public class CoursesPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient CourseAuthoring authoring;
  @Inject private transient Console console;

  private transient List<Course> courses;

  private Long courseId;
  private boolean editingCourse;
  private String courseSlug;
  private String courseTitle;
  private String courseSummary;
  private int courseOrder;

  private Long lessonCourseId;
  private Long lessonId;
  private boolean editingLesson;
  private String lessonSlug;
  private String lessonTitle;
  private int lessonOrder;
  private String markdown;
  private String entry;
  private List<FileRow> files = new ArrayList<>();
  private boolean preview;

  private transient Part zip;

  /** One starter file being edited. */
  public static final class FileRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String path;
    private String content;

    public FileRow() {}

    FileRow(String path, String content) {
      this.path = path;
      this.content = content;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getContent() {
      return content;
    }

    public void setContent(String content) {
      this.content = content;
    }
  }

  public List<Course> getCourses() {
    if (courses == null) {
      courses = authoring.allCourses();
    }
    return courses;
  }

  // --- courses ---

  public void newCourse() {
    courseId = null;
    editingCourse = true;
    courseSlug = "";
    courseTitle = "";
    courseSummary = "";
    courseOrder = getCourses().size();
  }

  public void editCourse(long id) {
    authoring.course(id).ifPresent(c -> {
      courseId = c.getId();
      editingCourse = true;
      courseSlug = c.getSlug();
      courseTitle = c.getTitle();
      courseSummary = c.getSummary();
      courseOrder = c.getOrdinal();
    });
  }

  public void saveCourse() {
    CourseRules.CourseDraft d = new CourseRules.CourseDraft(courseSlug, courseTitle, courseSummary, courseOrder);
    Long id = courseId;
    boolean ok = console.act(() -> {
      if (id == null) {
        courseId = authoring.createCourse(d, console.actor()).getId();
      } else {
        authoring.updateCourse(id, d, console.actor());
      }
    }, () -> "Course '" + courseTitle + "' saved" + (id == null ? " (unpublished until you publish it)." : "."), "course-");
    if (ok) {
      editingCourse = false;
      courses = null;
    }
  }

  public void cancelCourse() {
    editingCourse = false;
  }

  public void publish(long id, boolean published) {
    console.act(() -> authoring.setPublished(id, published, console.actor()),
        () -> published ? "Published: learners see it now." : "Unpublished: learners no longer see it.");
    courses = null;
  }

  public void export(long id) {
    if (!console.admin()) {
      console.refuse();
      return;
    }
    Course c = authoring.course(id).orElse(null);
    if (c == null) {
      console.error("There is no such course.");
      return;
    }
    byte[] bytes = authoring.export(id);
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    ext.responseReset();
    ext.setResponseContentType("application/zip");
    ext.setResponseContentLength(bytes.length);
    ext.setResponseHeader("Content-Disposition", "attachment; filename=\"" + c.getSlug() + ".zip\"");
    try {
      ext.getResponseOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  public void importZip() {
    Part part = zip;
    String[] title = new String[1];
    console.act(() -> {
      if (part == null || part.getSize() == 0) {
        throw InvalidInputException.invalid("zip", "Choose a course zip to import.");
      }
      long max = authoring.settings().maxZipBytes();
      if (part.getSize() > max) {
        throw InvalidInputException.invalid("zip", "The zip has " + part.getSize() + " bytes; at most " + max
            + " are taken.");
      }
      byte[] bytes;
      try (InputStream in = part.getInputStream()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw InvalidInputException.invalid("zip", "The upload could not be read: " + e.getMessage());
      }
      title[0] = authoring.importZip(bytes, part.getSubmittedFileName(), console.actor()).getTitle();
    }, () -> "Imported the course '" + title[0] + "'.", "import-");
    courses = null;
  }

  // --- lessons ---

  public void newLesson(long courseId) {
    lessonCourseId = courseId;
    lessonId = null;
    editingLesson = true;
    lessonSlug = "";
    lessonTitle = "";
    lessonOrder = authoring.course(courseId).map(c -> c.getLessons().size()).orElse(0);
    markdown = "# New lesson\n\nExplain what to do here.\n";
    entry = "main.py";
    files = new ArrayList<>(List.of(new FileRow("main.py", "print('Hello')\n")));
    preview = false;
  }

  public void editLesson(long courseId, long id) {
    authoring.course(courseId).flatMap(c -> c.getLessons().stream().filter(l -> l.getId() == id).findFirst())
        .ifPresent(l -> {
          lessonCourseId = courseId;
          lessonId = l.getId();
          editingLesson = true;
          lessonSlug = l.getSlug();
          lessonTitle = l.getTitle();
          lessonOrder = l.getOrdinal();
          markdown = l.getInstructions();
          entry = l.getEntryFile();
          files = new ArrayList<>();
          for (StarterFile f : l.getStarterFiles()) {
            files.add(new FileRow(f.getPath(), f.getContent()));
          }
          preview = false;
        });
  }

  public void addFile() {
    files.add(new FileRow("", ""));
  }

  public void removeFile(int index) {
    if (index >= 0 && index < files.size() && files.size() > 1) {
      files.remove(index);
    }
  }

  public void togglePreview() {
    preview = !preview;
  }

  /** The lesson's Markdown as learners see it: raw HTML escaped, unsafe links dropped. */
  public String getPreviewHtml() {
    return MarkdownRenderer.toSafeHtml(markdown);
  }

  public void saveLesson() {
    List<CourseRules.FileDraft> drafts = files.stream()
        .map(f -> new CourseRules.FileDraft(f.getPath() == null ? "" : f.getPath(), f.getContent() == null ? "" : f.getContent()))
        .toList();
    CourseRules.LessonDraft d = new CourseRules.LessonDraft(lessonSlug, lessonTitle, lessonOrder, markdown, entry, drafts);
    Long course = lessonCourseId;
    Long id = lessonId;
    boolean ok = console.act(() -> {
      Lesson saved = authoring.saveLesson(course, id, d, console.actor());
      lessonId = saved.getId();
    }, () -> "Lesson '" + lessonTitle + "' saved; learners' saved work is kept.", "lesson-");
    if (ok) {
      editingLesson = false;
      courses = null;
    }
  }

  public void cancelLesson() {
    editingLesson = false;
  }

  public void deleteLesson(long courseId, long id) {
    console.act(() -> authoring.deleteLesson(courseId, id, console.actor()), () -> "Lesson deleted.");
    courses = null;
  }

  // --- properties ---

  public boolean isEditingCourse() {
    return editingCourse;
  }

  public boolean isEditingLesson() {
    return editingLesson;
  }

  public Long getCourseId() {
    return courseId;
  }

  public String getCourseSlug() {
    return courseSlug;
  }

  public void setCourseSlug(String v) {
    courseSlug = v;
  }

  public String getCourseTitle() {
    return courseTitle;
  }

  public void setCourseTitle(String v) {
    courseTitle = v;
  }

  public String getCourseSummary() {
    return courseSummary;
  }

  public void setCourseSummary(String v) {
    courseSummary = v;
  }

  public int getCourseOrder() {
    return courseOrder;
  }

  public void setCourseOrder(int v) {
    courseOrder = v;
  }

  public Long getLessonId() {
    return lessonId;
  }

  public String getLessonSlug() {
    return lessonSlug;
  }

  public void setLessonSlug(String v) {
    lessonSlug = v;
  }

  public String getLessonTitle() {
    return lessonTitle;
  }

  public void setLessonTitle(String v) {
    lessonTitle = v;
  }

  public int getLessonOrder() {
    return lessonOrder;
  }

  public void setLessonOrder(int v) {
    lessonOrder = v;
  }

  public String getMarkdown() {
    return markdown;
  }

  public void setMarkdown(String v) {
    markdown = v;
  }

  public String getEntry() {
    return entry;
  }

  public void setEntry(String v) {
    entry = v;
  }

  public List<FileRow> getFiles() {
    return files;
  }

  public List<String> getFilePaths() {
    return files.stream().map(FileRow::getPath).filter(p -> p != null && !p.isBlank()).toList();
  }

  public boolean isPreview() {
    return preview;
  }

  public Part getZip() {
    return zip;
  }

  public void setZip(Part zip) {
    this.zip = zip;
  }
}
