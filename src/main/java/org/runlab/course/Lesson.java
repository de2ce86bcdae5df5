package org.runlab.course;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A lesson: Markdown instructions, the starter files a learner begins with, and the entry file. */
@Entity
@Table(name = "lesson")
public class Lesson {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "course_id")
  private Course course;

  @Column(nullable = false, length = 80)
  private String slug;

  @Column(nullable = false, length = 200)
  private String title;

  @Column(nullable = false)
  private String instructions;

  @Column(name = "entry_file", nullable = false)
  private String entryFile;

  @Column(nullable = false)
  private int ordinal;

  /** The environment the lesson's runs use; null for none. Small, so read with the lesson. */
  @ManyToOne(fetch = FetchType.EAGER)
  @JoinColumn(name = "environment_id")
  private LessonEnvironment environment;

  @OneToMany(mappedBy = "lesson", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("ordinal")
  private List<StarterFile> starterFiles = new ArrayList<>();

  protected Lesson() {}

  Lesson(Course course, String slug, String title, String instructions, String entry, int ordinal) {
    this.course = course;
    this.slug = slug;
    this.title = title;
    this.instructions = instructions;
    this.entryFile = entry;
    this.ordinal = ordinal;
  }

  public void addStarterFile(String path, String content) {
    starterFiles.add(new StarterFile(this, path, content, starterFiles.size()));
  }

  public Long getId() {
    return id;
  }

  public Course getCourse() {
    return course;
  }

  public String getSlug() {
    return slug;
  }

  public String getTitle() {
    return title;
  }

  public String getInstructions() {
    return instructions;
  }

  public String getEntryFile() {
    return entryFile;
  }

  public List<StarterFile> getStarterFiles() {
    return starterFiles;
  }

  public int getOrdinal() {
    return ordinal;
  }

  /** The environment the lesson's runs use, or null. */
  public LessonEnvironment getEnvironment() {
    return environment;
  }

  void useEnvironment(LessonEnvironment environment) {
    this.environment = environment;
  }

  void describe(String slug, String title, String instructions, String entry, int ordinal) {
    this.slug = slug;
    this.title = title;
    this.instructions = instructions;
    this.entryFile = entry;
    this.ordinal = ordinal;
  }

  /**
   * Makes the starter files these, in this order: a file whose path stays is updated in place
   * (its row kept), others are added or removed. Learners' snapshots are not touched.
   */
  void replaceStarterFiles(List<CourseRules.FileDraft> files) {
    java.util.Map<String, StarterFile> byPath = new java.util.HashMap<>();
    starterFiles.forEach(f -> byPath.put(f.getPath(), f));
    java.util.Set<String> keep = new java.util.HashSet<>();
    List<StarterFile> next = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      CourseRules.FileDraft d = files.get(i);
      keep.add(d.path());
      StarterFile f = byPath.get(d.path());
      if (f == null) {
        f = new StarterFile(this, d.path(), d.content(), i);
      } else {
        f.update(d.content(), i);
      }
      next.add(f);
    }
    starterFiles.removeIf(f -> !keep.contains(f.getPath()));
    for (StarterFile f : next) {
      if (!starterFiles.contains(f)) {
        starterFiles.add(f);
      }
    }
    starterFiles.sort(java.util.Comparator.comparingInt(StarterFile::getOrdinal));
  }
}
