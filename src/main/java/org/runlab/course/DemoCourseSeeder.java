package org.runlab.course;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/** Seeds the demo course into a database that has no courses yet. */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DemoCourseSeeder {
  private static final Logger LOG = Logger.getLogger(DemoCourseSeeder.class.getName());
  private static final String BASE = "/org/runlab/course/demo/";

  @Inject private CourseCatalog catalog;

  @PostConstruct
  void seedIfEmpty() {
    if (catalog.countCourses() > 0) {
      return;
    }
    Course course = demoCourse();
    catalog.add(course);
    LOG.info("Seeded the demo course '" + course.getTitle() + "' with "
        + course.getLessons().size() + " lessons");
  }

  /** The demo course as described by {@code demo/course.txt} and the files beside it. */
  static Course demoCourse() {
    Course course = null;
    for (String line : read("course.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|");
      if (f[0].equals("course")) {
        course = new Course(f[1], f[2], f[3], 0);
      } else if (f[0].equals("lesson") && course != null) {
        Lesson lesson = course.addLesson(f[1], f[2], read(f[1] + "/lesson.md"), f[3]);
        for (String file : f[4].split(",")) {
          lesson.addStarterFile(file, read(f[1] + "/" + file));
        }
      }
    }
    if (course == null) {
      throw new IllegalStateException("demo/course.txt names no course");
    }
    return course;
  }

  private static String read(String name) {
    try (InputStream in = DemoCourseSeeder.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing demo course resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
