package org.runlab.course;

import org.eclipse.microprofile.config.Config;

/**
 * Limits of course authoring.
 *
 * @param maxFiles {@code runlab.run.max-files}: starter files one lesson may have
 * @param maxFileBytes {@code runlab.course.max-file-bytes}: the largest starter file
 * @param maxZipBytes {@code runlab.course.max-zip-bytes}: the largest course zip, packed or unpacked
 */
public record CourseSettings(int maxFiles, long maxFileBytes, long maxZipBytes) {
  public static CourseSettings from(Config c) {
    return new CourseSettings(c.getValue("runlab.run.max-files", Integer.class),
        c.getValue("runlab.course.max-file-bytes", Long.class),
        c.getValue("runlab.course.max-zip-bytes", Long.class));
  }
}
