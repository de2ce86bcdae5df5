package org.runlab.engine.selection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.runlab.engine.ProjectFile;

/** Profiles a program and decides where it runs, with settings from configuration. */
@ApplicationScoped
public class SelectionService {
  private final CodeProfiler profiler = new CodeProfiler();
  private volatile EngineSelector selector;
  private volatile PyodideCatalog catalog;

  private EngineSelector selector() {
    if (selector == null) {
      Config config = ConfigProvider.getConfig();
      catalog = PyodideCatalog.fromClasspath();
      selector = new EngineSelector(catalog, SelectionSettings.from(k -> config.getOptionalValue(k, String.class)));
    }
    return selector;
  }

  public Decision decide(List<ProjectFile> files, String entry, SelectionContext context) {
    EngineSelector s = selector();
    return s.decide(profiler.profile(files, entry), context);
  }

  public String pyodideVersion() {
    selector();
    return catalog.version();
  }
}
