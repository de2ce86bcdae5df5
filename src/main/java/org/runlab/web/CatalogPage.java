package org.runlab.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.runlab.account.IdentityService;
import org.runlab.course.Course;
import org.runlab.course.CourseCatalog;
import org.runlab.course.ProgressService;

/** The home page's course catalog, with the viewer's progress in each lesson. */
@Named
@RequestScoped
public class CatalogPage {
  @Inject private CourseCatalog catalog;
  @Inject private ProgressService progress;
  @Inject private IdentityService identities;
  private List<Course> courses;
  private Map<String, ProgressService.Mark> marks;

  public List<Course> getCourses() {
    if (courses == null) {
      courses = catalog.courses();
    }
    return courses;
  }

  /** "completed", "visited" or "not-started" for a lesson, as a CSS and test hook. */
  public String mark(String lessonSlug) {
    return switch (marks().getOrDefault(lessonSlug, ProgressService.Mark.NOT_STARTED)) {
      case COMPLETED -> "completed";
      case VISITED -> "visited";
      case NOT_STARTED -> "not-started";
    };
  }

  /** The mark in words, for the page and screen readers. */
  public String markText(String lessonSlug) {
    return switch (marks().getOrDefault(lessonSlug, ProgressService.Mark.NOT_STARTED)) {
      case COMPLETED -> "Completed";
      case VISITED -> "Visited";
      case NOT_STARTED -> "Not started";
    };
  }

  private Map<String, ProgressService.Mark> marks() {
    if (marks == null) {
      ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
      marks = progress.marks(identities.identify((HttpServletRequest) ext.getRequest(),
          (HttpServletResponse) ext.getResponse()).key());
    }
    return marks;
  }
}
