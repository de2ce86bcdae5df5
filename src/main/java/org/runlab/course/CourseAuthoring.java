package org.runlab.course;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.runlab.platform.AppConfig;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;

/**
 * Writing courses: create and edit courses and lessons, publish and unpublish, import and export a
 * course as a zip. Every change is checked by {@link CourseRules} (a refusal names its field and
 * nothing is written) and audited in the same transaction. Learners' snapshots live apart, keyed
 * by the lesson's slug, so editing starter files keeps them; "reset to starter files" gives the
 * new ones.
 */
@Stateless
public class CourseAuthoring {
  @PersistenceContext private EntityManager em;
  @Inject private AuditLog audit;
  @Inject private AppConfig config;

  private CourseSettings settings;

  @PostConstruct
  void init() {
    settings = CourseSettings.from(config.get());
  }

  public CourseSettings settings() {
    return settings;
  }

  /** Every course, published or not, with its lessons. */
  public List<Course> allCourses() {
    List<Course> courses = em.createQuery("SELECT c FROM Course c ORDER BY c.ordinal, c.id", Course.class)
        .getResultList();
    courses.forEach(c -> c.getLessons().forEach(l -> l.getStarterFiles().size()));
    return courses;
  }

  public Optional<Course> course(long id) {
    Optional<Course> c = Optional.ofNullable(em.find(Course.class, id));
    c.ifPresent(course -> course.getLessons().forEach(l -> l.getStarterFiles().size()));
    return c;
  }

  public Course createCourse(CourseRules.CourseDraft draft, String actor) {
    CourseRules.CourseDraft d = CourseRules.check(draft);
    courseSlugFree(d.slug(), null);
    Course c = new Course(d.slug(), d.title(), d.summary(), d.ordinal());
    c.setPublished(false);
    em.persist(c);
    audit.record(actor, "course.create", "course " + d.slug(), null, d.title() + " (unpublished)", null);
    return c;
  }

  public Course updateCourse(long id, CourseRules.CourseDraft draft, String actor) {
    Course c = existingCourse(id);
    CourseRules.CourseDraft d = CourseRules.check(draft);
    courseSlugFree(d.slug(), c.getId());
    String before = describe(c);
    c.describe(d.slug(), d.title(), d.summary(), d.ordinal());
    audit.record(actor, "course.edit", "course " + d.slug(), before, describe(c), null);
    return c;
  }

  public void setPublished(long id, boolean published, String actor) {
    Course c = existingCourse(id);
    if (c.isPublished() == published) {
      return;
    }
    c.setPublished(published);
    audit.record(actor, published ? "course.publish" : "course.unpublish", "course " + c.getSlug(),
        published ? "unpublished" : "published", published ? "published" : "unpublished", null);
  }

  /** Creates ({@code lessonId} null) or changes a lesson of course {@code courseId}. */
  public Lesson saveLesson(long courseId, Long lessonId, CourseRules.LessonDraft draft, String actor) {
    Course c = existingCourse(courseId);
    CourseRules.LessonDraft d = CourseRules.check(draft, settings.maxFiles(), settings.maxFileBytes());
    lessonSlugFree(d.slug(), lessonId);
    Lesson lesson;
    String before;
    if (lessonId == null) {
      lesson = c.addLesson(d.slug(), d.title(), d.markdown(), d.entry());
      before = null;
    } else {
      lesson = c.getLessons().stream().filter(l -> java.util.Objects.equals(l.getId(), lessonId)).findFirst()
          .orElseThrow(() -> new NotFoundException("No such lesson", "Course " + c.getSlug() + " has no lesson "
              + lessonId + "."));
      before = describe(lesson);
    }
    lesson.describe(d.slug(), d.title(), d.markdown(), d.entry(), d.ordinal());
    lesson.replaceStarterFiles(d.files());
    c.sortLessons();
    em.flush();
    audit.record(actor, lessonId == null ? "lesson.create" : "lesson.edit", "lesson " + d.slug() + " of course "
        + c.getSlug(), before, describe(lesson), null);
    return lesson;
  }

  public void deleteLesson(long courseId, long lessonId, String actor) {
    Course c = existingCourse(courseId);
    Lesson l = c.getLessons().stream().filter(x -> java.util.Objects.equals(x.getId(), lessonId)).findFirst()
        .orElseThrow(() -> new NotFoundException("No such lesson", "There is no lesson " + lessonId + "."));
    c.getLessons().remove(l);
    audit.record(actor, "lesson.delete", "lesson " + l.getSlug() + " of course " + c.getSlug(), describe(l), null,
        null);
  }

  public byte[] export(long courseId) {
    return CourseArchive.write(existingCourse(courseId));
  }

  /**
   * Imports a course zip: a course whose slug exists is updated (its lessons matched by slug, the
   * missing ones removed), otherwise created unpublished-as-the-zip-says. Any problem names the
   * zip's entry and nothing is written.
   */
  public Course importZip(byte[] zip, String fileName, String actor) {
    CourseArchive.Contents contents = CourseArchive.read(zip, settings.maxZipBytes());
    CourseRules.CourseDraft cd;
    try {
      cd = CourseRules.check(contents.course());
    } catch (InvalidInputException e) {
      throw InvalidInputException.invalid("zip", CourseArchive.COURSE + ": " + e.detail());
    }
    List<CourseRules.LessonDraft> lessons = new java.util.ArrayList<>();
    java.util.Set<String> slugs = new java.util.HashSet<>();
    for (CourseRules.LessonDraft raw : contents.lessons()) {
      CourseRules.LessonDraft d;
      try {
        d = CourseRules.check(raw, settings.maxFiles(), settings.maxFileBytes());
      } catch (InvalidInputException e) {
        throw InvalidInputException.invalid("zip", "Lesson '" + raw.slug() + "': " + e.detail());
      }
      if (!slugs.add(d.slug())) {
        throw InvalidInputException.invalid("zip", "Two lessons have the slug '" + d.slug() + "'.");
      }
      lessons.add(d);
    }
    Optional<Course> existing = em.createQuery("SELECT c FROM Course c WHERE c.slug = :s", Course.class)
        .setParameter("s", cd.slug()).getResultStream().findFirst();
    Course c = existing.orElseGet(() -> {
      Course made = new Course(cd.slug(), cd.title(), cd.summary(), cd.ordinal());
      em.persist(made);
      return made;
    });
    String before = existing.map(CourseAuthoring::describe).orElse(null);
    c.describe(cd.slug(), cd.title(), cd.summary(), cd.ordinal());
    c.setPublished(contents.published());
    for (CourseRules.LessonDraft d : lessons) {
      Optional<Lesson> other = lessonBySlug(d.slug());
      if (other.isPresent() && !other.get().getCourse().getId().equals(c.getId())) {
        throw InvalidInputException.invalid("zip", "The lesson slug '" + d.slug() + "' is taken by course "
            + other.get().getCourse().getSlug() + ".");
      }
    }
    Map<String, Lesson> bySlug = new HashMap<>();
    c.getLessons().forEach(l -> bySlug.put(l.getSlug(), l));
    c.getLessons().removeIf(l -> !slugs.contains(l.getSlug()));
    em.flush();
    for (CourseRules.LessonDraft d : lessons) {
      Lesson l = bySlug.get(d.slug());
      if (l == null) {
        l = c.addLesson(d.slug(), d.title(), d.markdown(), d.entry());
      }
      l.describe(d.slug(), d.title(), d.markdown(), d.entry(), d.ordinal());
      l.replaceStarterFiles(d.files());
    }
    c.sortLessons();
    em.flush();
    audit.record(actor, "course.import", "course " + c.getSlug(), before,
        describe(c) + " from " + (fileName == null ? "a zip" : fileName), null);
    return c;
  }

  private Optional<Lesson> lessonBySlug(String slug) {
    return em.createQuery("SELECT l FROM Lesson l JOIN FETCH l.course WHERE l.slug = :s", Lesson.class)
        .setParameter("s", slug).getResultStream().findFirst();
  }

  private Course existingCourse(long id) {
    return course(id).orElseThrow(() -> new NotFoundException("No such course", "There is no course " + id + "."));
  }

  private void courseSlugFree(String slug, Long self) {
    List<Long> ids = em.createQuery("SELECT c.id FROM Course c WHERE c.slug = :s", Long.class)
        .setParameter("s", slug).getResultList();
    if (ids.stream().anyMatch(id -> !id.equals(self))) {
      throw InvalidInputException.invalid("slug", "Another course already has the slug '" + slug + "'.");
    }
  }

  private void lessonSlugFree(String slug, Long self) {
    Optional<Lesson> other = lessonBySlug(slug);
    if (other.isPresent() && !other.get().getId().equals(self)) {
      throw InvalidInputException.invalid("slug", "The lesson slug '" + slug + "' is taken (course "
          + other.get().getCourse().getSlug() + "); slugs name lessons in addresses, so each is used once.");
    }
  }

  static String describe(Course c) {
    return c.getTitle() + " [" + c.getSlug() + ", order " + c.getOrdinal() + ", "
        + (c.isPublished() ? "published" : "unpublished") + ", " + c.getLessons().size() + " lessons]";
  }

  static String describe(Lesson l) {
    StringBuilder files = new StringBuilder();
    l.getStarterFiles().forEach(f -> files.append(files.length() == 0 ? "" : ", ").append(f.getPath())
        .append(" (").append(f.getSize()).append(" B)"));
    return l.getTitle() + " [" + l.getSlug() + ", order " + l.getOrdinal() + ", runs " + l.getEntryFile()
        + ", files: " + files + ", text " + l.getInstructions().length() + " chars]";
  }
}
