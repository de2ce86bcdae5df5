package org.runlab.course;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Marks lessons visited and completed per learner, and tells the course page how far they are. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ProgressService {
  /** Where a learner stands in a lesson. */
  public enum Mark { NOT_STARTED, VISITED, COMPLETED }

  @PersistenceContext private EntityManager em;

  /** The learner opened the lesson. */
  public void visited(String ownerKey, String lessonSlug) {
    if (em.find(LessonProgress.class, new LessonProgress.Key(ownerKey, lessonSlug)) == null) {
      em.persist(new LessonProgress(ownerKey, lessonSlug));
    }
  }

  /** A run of the lesson ended without an error. */
  public void completed(String ownerKey, String lessonSlug) {
    LessonProgress p = em.find(LessonProgress.class, new LessonProgress.Key(ownerKey, lessonSlug));
    if (p == null) {
      p = new LessonProgress(ownerKey, lessonSlug);
      p.completed();
      em.persist(p);
    } else {
      p.completed();
    }
  }

  /** A visitor who signed up keeps the marks of their visit ({@code from}) under their account. */
  public void adopt(String from, String to) {
    if (from.equals(to)) {
      return;
    }
    for (LessonProgress p : em.createQuery("SELECT p FROM LessonProgress p WHERE p.key.ownerKey = :owner",
        LessonProgress.class).setParameter("owner", from).getResultList()) {
      LessonProgress mine = em.find(LessonProgress.class, new LessonProgress.Key(to, p.lessonSlug()));
      if (mine == null) {
        mine = new LessonProgress(to, p.lessonSlug());
        em.persist(mine);
      }
      if (p.isCompleted()) {
        mine.completed();
      }
    }
  }

  /** Every lesson the learner has visited, by slug, with its mark. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Mark> marks(String ownerKey) {
    Map<String, Mark> marks = new HashMap<>();
    em.createQuery("SELECT p FROM LessonProgress p WHERE p.key.ownerKey = :owner", LessonProgress.class)
        .setParameter("owner", ownerKey)
        .getResultList()
        .forEach(p -> marks.put(p.lessonSlug(), p.isCompleted() ? Mark.COMPLETED : Mark.VISITED));
    return marks;
  }

  /** The learner's mark in one lesson. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Mark mark(String ownerKey, String lessonSlug) {
    return Optional.ofNullable(em.find(LessonProgress.class, new LessonProgress.Key(ownerKey, lessonSlug)))
        .map(p -> p.isCompleted() ? Mark.COMPLETED : Mark.VISITED).orElse(Mark.NOT_STARTED);
  }
}
