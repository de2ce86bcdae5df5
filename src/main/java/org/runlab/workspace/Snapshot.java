package org.runlab.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.runlab.engine.ProjectFile;

/** One saved state of a learner's files in one lesson. Never changed once written. */
@Entity
@Table(name = "snapshot")
@NamedQuery(
    name = "Snapshot.history",
    query = "SELECT s FROM Snapshot s WHERE s.ownerId = :owner AND s.lessonSlug = :lesson ORDER BY s.id DESC")
@NamedQuery(
    name = "Snapshot.count",
    query = "SELECT COUNT(s) FROM Snapshot s WHERE s.ownerId = :owner AND s.lessonSlug = :lesson")
@NamedQuery(
    name = "Snapshot.deleteOlder",
    query = "DELETE FROM Snapshot s WHERE s.ownerId = :owner AND s.lessonSlug = :lesson AND s.id < :keepFrom")
public class Snapshot {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "owner_id", nullable = false)
  private UUID ownerId;

  @Column(name = "lesson_slug", nullable = false, length = 80)
  private String lessonSlug;

  @Column(nullable = false)
  private String files;

  @Column(nullable = false)
  private String entry;

  @Column(name = "file_count", nullable = false)
  private int fileCount;

  @Column(name = "code_bytes", nullable = false)
  private long codeBytes;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private SnapshotReason reason;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected Snapshot() {}

  Snapshot(UUID owner, String lesson, Workspace work, SnapshotReason reason, OffsetDateTime at) {
    this.ownerId = owner;
    this.lessonSlug = lesson;
    this.files = Workspace.filesToJson(work.files()).toString();
    this.entry = work.entry();
    this.fileCount = work.files().size();
    this.codeBytes = work.bytes();
    this.reason = reason;
    this.createdAt = at;
  }

  public Long getId() {
    return id;
  }

  public UUID getOwnerId() {
    return ownerId;
  }

  public String getLessonSlug() {
    return lessonSlug;
  }

  public SnapshotReason getReason() {
    return reason;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public int getFileCount() {
    return fileCount;
  }

  public long getCodeBytes() {
    return codeBytes;
  }

  /** The saved files and entry file. */
  public Workspace workspace() {
    List<ProjectFile> list = Workspace.filesFromJson(files);
    return new Workspace(list, entry);
  }
}
