package org.runlab.execution;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.course.EnvironmentCatalog;
import org.runlab.course.LessonEnvironment;
import org.runlab.engine.Environment;
import org.runlab.engine.EnvironmentBuilder;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;

/**
 * Builds lesson environments on the engine that caches them (the local engine's layers), in the
 * background: the console shows BUILDING at once, then READY or FAILED with the build's log. A
 * build may be started again while one runs (one interrupted by a restart stays BUILDING): the
 * engine builds one set of requirements once and the later build finds it cached.
 */
@ApplicationScoped
public class EnvironmentBuilds {
  private static final Logger LOG = Logger.getLogger(EnvironmentBuilds.class.getName());

  @Inject private EnvironmentCatalog catalog;
  @Inject private Instance<EnvironmentBuilder> builders;
  @Resource private ManagedExecutorService executor;

  /** Starts building environment {@code id} for {@code actor}; refused when there is nothing to build. */
  public void build(long id, String actor) {
    LessonEnvironment e = catalog.find(id).orElseThrow(() -> new NotFoundException("No such environment",
        "There is no environment " + id + "; it may have been deleted meanwhile."));
    Environment environment = RunEnvironment.of(e);
    if (!catalog.startBuild(id, actor)) {
      throw InvalidInputException.invalid("environment", "The environment '" + e.getName()
          + "' is an E2B template only: there is nothing to build here.");
    }
    executor.execute(() -> run(id, environment));
  }

  private void run(long id, Environment environment) {
    StringBuilder log = new StringBuilder();
    boolean ready = false;
    try {
      if (builders.isUnsatisfied()) {
        log.append("No engine of this server builds environments; lessons that carry it install its"
            + " requirements per run where the tier allows.\n");
      } else {
        EnvironmentBuilder.Outcome outcome = builders.get().build(environment, line -> {
          synchronized (log) {
            log.append(line).append('\n');
          }
        });
        ready = outcome.ready();
        log.append(outcome.summary()).append('\n');
      }
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "Building environment " + environment.name() + " failed", ex);
      log.append("The build failed: ").append(ex.getMessage()).append('\n');
    }
    try {
      catalog.finishBuild(id, ready, log.toString());
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "Could not record the build of environment " + environment.name(), ex);
    }
  }
}
