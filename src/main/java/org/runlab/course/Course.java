package org.runlab.course;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A course: a titled, ordered list of lessons. */
@Entity
@Table(name = "course")
public class Course {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 80)
  private String slug;

  @Column(nullable = false, length = 200)
  private String title;

  @Column(nullable = false, length = 2000)
  private String summary;

  @Column(nullable = false)
  private int ordinal;

  @Column(nullable = false)
  private boolean published = true;

  @OneToMany(mappedBy = "course", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("ordinal")
  private List<Lesson> lessons = new ArrayList<>();

  protected Course() {}

  public Course(String slug, String title, String summary, int ordinal) {
    this.slug = slug;
    this.title = title;
    this.summary = summary;
    this.ordinal = ordinal;
  }

  public Lesson addLesson(String slug, String title, String instructions, String entryFile) {
    Lesson lesson = new Lesson(this, slug, title, instructions, entryFile, lessons.size());
    lessons.add(lesson);
    return lesson;
  }

  public Long getId() {
    return id;
  }

  public String getSlug() {
    return slug;
  }

  public String getTitle() {
    return title;
  }

  public String getSummary() {
    return summary;
  }

  public List<Lesson> getLessons() {
    return lessons;
  }

  public int getOrdinal() {
    return ordinal;
  }

  /** Whether learners see it; an unpublished course is seen by admins only. */
  public boolean isPublished() {
    return published;
  }

  void setPublished(boolean published) {
    this.published = published;
  }

  void describe(String slug, String title, String summary, int ordinal) {
    this.slug = slug;
    this.title = title;
    this.summary = summary;
    this.ordinal = ordinal;
  }

  /** Puts the lessons in their ordinal order (after an edit moved one). */
  void sortLessons() {
    lessons.sort(java.util.Comparator.comparingInt(Lesson::getOrdinal).thenComparing(Lesson::getSlug));
  }
}
