package org.runlab.engine.selection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.AppConfig;

/**
 * Profiles a program and decides where it runs, with settings from configuration. When the
 * operator's package mirror holds its own lock file, the browser has what that file lists; a new
 * or changed lock file counts from the next decision on, without a restart.
 */
@ApplicationScoped
public class SelectionService {
  private static final Logger LOG = Logger.getLogger(SelectionService.class.getName());

  private final CodeProfiler profiler = new CodeProfiler();
  @Inject private AppConfig config;
  private PyodideCatalog shipped;
  private BrowserPackages packages;
  private volatile Current current;

  /** The selector for the mirror's lock file as it was when {@code stamp} was taken. */
  private record Current(String stamp, EngineSelector selector) {}

  @PostConstruct
  void init() {
    shipped = PyodideCatalog.fromClasspath();
    packages = BrowserPackages.from(config.get());
    current = build(stamp());
  }

  public Decision decide(List<ProjectFile> files, String entry, SelectionContext context) {
    return selector().decide(profiler.profile(files, entry), context);
  }

  public String pyodideVersion() {
    return shipped.version();
  }

  private EngineSelector selector() {
    String stamp = stamp();
    if (!stamp.equals(current.stamp())) {
      synchronized (this) {
        if (!stamp.equals(current.stamp())) {
          current = build(stamp);
        }
      }
    }
    return current.selector();
  }

  private Current build(String stamp) {
    SelectionSettings settings = SelectionSettings.from(config.get());
    Optional<Path> lock = packages.mirrorLock();
    if (lock.isEmpty()) {
      return new Current(stamp, new EngineSelector(shipped, settings));
    }
    try (InputStream in = Files.newInputStream(lock.get())) {
      return new Current(stamp, new EngineSelector(shipped.withLock(in), settings));
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "The browser package mirror's lock file " + lock.get()
          + " cannot be read, so the browser has the standard library only: " + e.getMessage());
      return new Current(stamp, new EngineSelector(shipped, settings.withPackageBaseUrl("")));
    }
  }

  /** What identifies the mirror's lock file as it is now: path, size and time, or "" for none. */
  private String stamp() {
    return packages.mirrorLock().map(p -> {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
      } catch (IOException e) {
        return "";
      }
    }).orElse("");
  }
}
