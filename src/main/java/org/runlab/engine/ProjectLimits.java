package org.runlab.engine;

import org.eclipse.microprofile.config.Config;

/**
 * What one project sent to Runlab may hold, for a run or a saved snapshot alike.
 *
 * @param maxFiles {@code runlab.run.max-files}
 * @param maxBytes {@code runlab.run.max-bytes}, all files together, UTF-8
 * @param maxStdinBytes {@code runlab.run.max-stdin-bytes}
 * @param maxRequestBytes {@code runlab.run.max-request-bytes}, a whole request body
 */
public record ProjectLimits(int maxFiles, long maxBytes, int maxStdinBytes, int maxRequestBytes) {
  public static ProjectLimits from(Config config) {
    return new ProjectLimits(
        config.getValue("runlab.run.max-files", Integer.class),
        config.getValue("runlab.run.max-bytes", Long.class),
        config.getValue("runlab.run.max-stdin-bytes", Integer.class),
        config.getValue("runlab.run.max-request-bytes", Integer.class));
  }

  /** The checker of paths and sizes under these limits. */
  public ProjectValidator validator() {
    return new ProjectValidator(maxFiles, maxBytes);
  }
}
