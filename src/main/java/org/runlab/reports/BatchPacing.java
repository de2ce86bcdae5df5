package org.runlab.reports;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.runlab.platform.AppConfig;

/** The pause after each chunk ({@code runlab.batch.chunk-pause-ms}) that keeps a job gentle. */
@ApplicationScoped
public class BatchPacing {
  @Inject AppConfig config;

  private Duration pause;

  @PostConstruct
  void init() {
    pause = BatchSettings.from(config.get()).chunkPause();
  }

  void pause() {
    if (!pause.isZero()) {
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
