package org.runlab.course;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Finds courses and lessons for the pages and the run API. */
@Stateless
public class CourseCatalog {
  @PersistenceContext private EntityManager em;

  /** The published courses, for learners. */
  public List<Course> courses() {
    List<Course> courses =
        em.createQuery("SELECT c FROM Course c WHERE c.published = TRUE ORDER BY c.ordinal, c.id", Course.class)
            .getResultList();
    courses.forEach(c -> c.getLessons().size());
    return courses;
  }

  /** A lesson with its course and starter files loaded, by its slug. */
  public Optional<Lesson> lesson(String slug) {
    if (slug == null || slug.length() > 80) {
      return Optional.empty();
    }
    Optional<Lesson> lesson =
        em.createQuery("SELECT l FROM Lesson l JOIN FETCH l.course WHERE l.slug = :slug", Lesson.class)
            .setParameter("slug", slug)
            .getResultStream()
            .findFirst();
    lesson.ifPresent(l -> {
      l.getStarterFiles().size();
      l.getCourse().getLessons().size(); // the page links to the next lesson
    });
    return lesson;
  }

  public long countCourses() {
    return em.createQuery("SELECT COUNT(c) FROM Course c", Long.class).getSingleResult();
  }

  public void add(Course course) {
    em.persist(course);
  }
}
