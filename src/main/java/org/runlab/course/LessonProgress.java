package org.runlab.course;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * How far one learner (or visitor, by their identity key) has come in one lesson: visited when they
 * opened it, completed once a run of it ended without an error.
 */
@Entity
@Table(name = "lesson_progress")
public class LessonProgress {
  /** The learner's identity key and the lesson's slug. */
  @Embeddable
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "owner_key", length = 80)
    private String ownerKey;

    @Column(name = "lesson_slug", length = 80)
    private String lessonSlug;

    protected Key() {}

    Key(String ownerKey, String lessonSlug) {
      this.ownerKey = ownerKey;
      this.lessonSlug = lessonSlug;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.ownerKey.equals(ownerKey) && k.lessonSlug.equals(lessonSlug);
    }

    @Override
    public int hashCode() {
      return Objects.hash(ownerKey, lessonSlug);
    }
  }

  @EmbeddedId private Key key;

  @Column(name = "visited_at", nullable = false)
  private OffsetDateTime visitedAt;

  @Column(name = "completed_at")
  private OffsetDateTime completedAt;

  protected LessonProgress() {}

  LessonProgress(String ownerKey, String lessonSlug) {
    this.key = new Key(ownerKey, lessonSlug);
    this.visitedAt = OffsetDateTime.now();
  }

  void completed() {
    if (completedAt == null) {
      completedAt = OffsetDateTime.now();
    }
  }

  public String lessonSlug() {
    return key.lessonSlug;
  }

  public boolean isCompleted() {
    return completedAt != null;
  }
}
