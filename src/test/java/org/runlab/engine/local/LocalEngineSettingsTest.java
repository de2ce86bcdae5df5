package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.runlab.platform.TestConfig;

/** Settings come from config keys, with the shipped properties as the defaults. */
class LocalEngineSettingsTest {
  @Test
  void theShippedDefaultsAreTheDocumentedOnes() {
    LocalEngineSettings s = LocalEngineSettings.from(TestConfig.defaults());

    assertThat(s.python()).isEqualTo(Path.of("/usr/bin/python3"));
    assertThat(s.workRoot()).isEqualTo(Path.of("/dev/shm/runlab-local"));
    assertThat(s.cgroupParent()).isEqualTo("runlab-sandbox");
    assertThat(s.plainPoolSize()).isEqualTo(4);
    assertThat(s.scientificPoolSize()).isEqualTo(1);
    assertThat(s.preloadModules()).isEqualTo(List.of("numpy", "pandas"));
    assertThat(s.maxOutputFiles()).isEqualTo(20);
    assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.maxFiles()).isEqualTo(50);
  }

  @Test
  void configuredKeysOverrideDefaults() {
    Map<String, String> config =
        Map.of(
            "runlab.local.pool.plain-size", "8",
            "runlab.local.preload-modules", "numpy, scipy",
            "runlab.local.work-root", "/srv/runlab/work",
            "runlab.run.max-files", "10");
    LocalEngineSettings s = LocalEngineSettings.from(TestConfig.with(config));
    assertThat(s.plainPoolSize()).isEqualTo(8);
    assertThat(s.preloadModules()).isEqualTo(List.of("numpy", "scipy"));
    assertThat(s.workRoot()).isEqualTo(Path.of("/srv/runlab/work"));
    assertThat(s.maxFiles()).isEqualTo(10);
    assertThat(s.scientificPoolSize()).isEqualTo(LocalEngineSettings.from(TestConfig.defaults()).scientificPoolSize());
  }
}
