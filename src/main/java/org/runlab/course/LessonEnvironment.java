package org.runlab.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A named environment an admin defines for lessons: a requirements set the local engine builds
 * once into a cached layer, and/or an E2B template that already holds it. Lessons that carry it
 * run with it and need no install of their own.
 */
@Entity
@Table(name = "environment")
public class LessonEnvironment {
  /** Where building the requirements into the local engine's layer stands. */
  public enum BuildState {
    /** Nothing to build: the environment is an E2B template only. */
    NOT_NEEDED,
    NOT_BUILT,
    BUILDING,
    READY,
    FAILED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 60)
  private String name;

  @Column(nullable = false, length = 500)
  private String description;

  @Column(nullable = false)
  private String requirements;

  @Column(name = "e2b_template", nullable = false, length = 100)
  private String e2bTemplate;

  @Enumerated(EnumType.STRING)
  @Column(name = "build_state", nullable = false, length = 20)
  private BuildState buildState;

  @Column(name = "build_log", nullable = false)
  private String buildLog;

  @Column(name = "built_at")
  private OffsetDateTime builtAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected LessonEnvironment() {}

  LessonEnvironment(EnvironmentRules.Draft d) {
    describe(d);
  }

  /** Takes the draft's values; a changed requirements set must be built again. */
  void describe(EnvironmentRules.Draft d) {
    boolean requirementsChanged = requirements == null || !requirements.equals(d.requirements());
    name = d.name();
    description = d.description();
    requirements = d.requirements();
    e2bTemplate = d.e2bTemplate();
    if (requirements.isEmpty()) {
      buildState = BuildState.NOT_NEEDED;
      buildLog = "";
      builtAt = null;
    } else if (requirementsChanged || buildState == BuildState.NOT_NEEDED) {
      buildState = BuildState.NOT_BUILT;
      buildLog = "";
      builtAt = null;
    }
    updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  void building() {
    buildState = BuildState.BUILDING;
    buildLog = "";
  }

  void built(boolean ok, String log) {
    buildState = ok ? BuildState.READY : BuildState.FAILED;
    buildLog = log == null ? "" : log.length() > 100_000 ? log.substring(log.length() - 100_000) : log;
    builtAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public String getRequirements() {
    return requirements;
  }

  public String getE2bTemplate() {
    return e2bTemplate;
  }

  public BuildState getBuildState() {
    return buildState;
  }

  public String getBuildLog() {
    return buildLog;
  }

  public OffsetDateTime getBuiltAt() {
    return builtAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  /** One line for the audit trail. */
  String describeForAudit() {
    return "requirements: " + (requirements.isEmpty() ? "none" : requirements.replace('\n', ';'))
        + "; E2B template: " + (e2bTemplate.isEmpty() ? "the tier's" : e2bTemplate);
  }
}
