package org.runlab.course;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;

/**
 * Lesson environments: defined, changed and deleted by admins, attached to lessons, and their build
 * state as the engine reports it. Every change is audited in the same transaction; an environment
 * that lessons carry cannot be deleted.
 */
@Stateless
public class EnvironmentCatalog {
  @PersistenceContext private EntityManager em;
  @Inject private AuditLog audit;

  /** Every environment, by name. */
  public List<LessonEnvironment> all() {
    return em.createQuery("SELECT e FROM LessonEnvironment e ORDER BY e.name", LessonEnvironment.class)
        .getResultList();
  }

  public Optional<LessonEnvironment> find(long id) {
    return Optional.ofNullable(em.find(LessonEnvironment.class, id));
  }

  /** The slugs of the lessons that carry the environment. */
  public List<String> lessonsUsing(long id) {
    return em.createQuery("SELECT l.slug FROM Lesson l WHERE l.environment.id = :id ORDER BY l.slug", String.class)
        .setParameter("id", id).getResultList();
  }

  public LessonEnvironment create(EnvironmentRules.Draft draft, String actor) {
    EnvironmentRules.Draft d = EnvironmentRules.check(draft);
    nameFree(d.name(), null);
    LessonEnvironment e = new LessonEnvironment(d);
    em.persist(e);
    audit.record(actor, "environment.create", "environment " + d.name(), null, e.describeForAudit(), null);
    return e;
  }

  public LessonEnvironment update(long id, EnvironmentRules.Draft draft, String actor) {
    LessonEnvironment e = existing(id);
    EnvironmentRules.Draft d = EnvironmentRules.check(draft);
    nameFree(d.name(), id);
    String before = e.describeForAudit();
    String oldName = e.getName();
    e.describe(d);
    audit.record(actor, "environment.edit", "environment " + d.name(),
        (oldName.equals(d.name()) ? "" : "named " + oldName + "; ") + before, e.describeForAudit(), null);
    return e;
  }

  /** Deletes an environment no lesson carries; one in use is refused with the lessons named. */
  public void delete(long id, String actor) {
    LessonEnvironment e = existing(id);
    List<String> using = lessonsUsing(id);
    if (!using.isEmpty()) {
      throw InvalidInputException.invalid("environment", "The environment '" + e.getName() + "' is attached to "
          + (using.size() == 1 ? "the lesson " : using.size() + " lessons: ") + String.join(", ", using)
          + "; attach another environment (or none) to " + (using.size() == 1 ? "it" : "them") + " first.");
    }
    em.remove(e);
    audit.record(actor, "environment.delete", "environment " + e.getName(), e.describeForAudit(), null, null);
  }

  /** Makes {@code environmentId} (null: none) the environment of the lesson {@code lessonSlug}. */
  public void attach(String lessonSlug, Long environmentId, String actor) {
    Lesson lesson = em.createQuery("SELECT l FROM Lesson l WHERE l.slug = :s", Lesson.class)
        .setParameter("s", lessonSlug == null ? "" : lessonSlug).getResultStream().findFirst()
        .orElseThrow(() -> InvalidInputException.invalid("lesson", "Choose a lesson to attach the environment to."));
    LessonEnvironment e = environmentId == null ? null : existing(environmentId);
    LessonEnvironment before = lesson.getEnvironment();
    if (before == e) {
      return;
    }
    lesson.useEnvironment(e);
    audit.record(actor, "lesson.environment", "lesson " + lesson.getSlug(), before == null ? "none" : before.getName(),
        e == null ? "none" : e.getName(), null);
  }

  /** Marks a build as started, for {@code actor}; false when there is nothing to build. */
  public boolean startBuild(long id, String actor) {
    LessonEnvironment e = existing(id);
    if (e.getBuildState() == LessonEnvironment.BuildState.NOT_NEEDED) {
      return false;
    }
    e.building();
    audit.record(actor, "environment.build", "environment " + e.getName(), null, "build started", null);
    return true;
  }

  /** Records how a build ended, with its log. */
  public void finishBuild(long id, boolean ok, String log) {
    find(id).ifPresent(e -> e.built(ok, log));
  }

  private LessonEnvironment existing(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("No such environment",
        "There is no environment " + id + "; it may have been deleted meanwhile."));
  }

  private void nameFree(String name, Long self) {
    em.createQuery("SELECT e FROM LessonEnvironment e WHERE e.name = :n", LessonEnvironment.class)
        .setParameter("n", name).getResultStream().findFirst()
        .filter(other -> !other.getId().equals(self))
        .ifPresent(other -> {
          throw InvalidInputException.invalid("name", "Another environment is already named '" + name + "'.");
        });
  }
}
