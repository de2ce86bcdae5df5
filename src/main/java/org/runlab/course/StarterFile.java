package org.runlab.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A file a lesson starts the learner with. */
@Entity
@Table(name = "starter_file")
public class StarterFile {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "lesson_id")
  private Lesson lesson;

  @Column(nullable = false)
  private String path;

  @Column(nullable = false)
  private String content;

  @Column(nullable = false)
  private int ordinal;

  protected StarterFile() {}

  StarterFile(Lesson lesson, String path, String content, int ordinal) {
    this.lesson = lesson;
    this.path = path;
    this.content = content;
    this.ordinal = ordinal;
  }

  void update(String content, int ordinal) {
    this.content = content;
    this.ordinal = ordinal;
  }

  public int getOrdinal() {
    return ordinal;
  }

  public String getPath() {
    return path;
  }

  public String getContent() {
    return content;
  }

  public long getSize() {
    return content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
