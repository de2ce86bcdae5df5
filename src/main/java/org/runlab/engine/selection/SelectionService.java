package org.runlab.engine.selection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.AppConfig;

/** Profiles a program and decides where it runs, with settings from configuration. */
@ApplicationScoped
public class SelectionService {
  private final CodeProfiler profiler = new CodeProfiler();
  @Inject private AppConfig config;
  private EngineSelector selector;
  private PyodideCatalog catalog;

  @PostConstruct
  void init() {
    catalog = PyodideCatalog.fromClasspath();
    selector = new EngineSelector(catalog, SelectionSettings.from(config.get()));
  }

  public Decision decide(List<ProjectFile> files, String entry, SelectionContext context) {
    return selector.decide(profiler.profile(files, entry), context);
  }

  public String pyodideVersion() {
    return catalog.version();
  }
}
