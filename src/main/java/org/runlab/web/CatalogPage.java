package org.runlab.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.runlab.course.Course;
import org.runlab.course.CourseCatalog;

/** The home page's course catalog. */
@Named
@RequestScoped
public class CatalogPage {
  @Inject private CourseCatalog catalog;
  private List<Course> courses;

  public List<Course> getCourses() {
    if (courses == null) {
      courses = catalog.courses();
    }
    return courses;
  }
}
