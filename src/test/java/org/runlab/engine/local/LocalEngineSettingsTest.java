package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings come from config keys; the shipped properties repeat the defaults exactly. */
class LocalEngineSettingsTest {
  @Test
  void shippedPropertiesEqualTheDefaults() throws Exception {
    Properties props = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      props.load(in);
    }
    LocalEngineSettings fromFile =
        LocalEngineSettings.fromConfig(k -> Optional.ofNullable(props.getProperty(k)));
    assertThat(fromFile).isEqualTo(LocalEngineSettings.defaults());
  }

  @Test
  void configuredKeysOverrideDefaults() {
    Map<String, String> config =
        Map.of(
            "runlab.local.pool.plain-size", "8",
            "runlab.local.preload-modules", "numpy, scipy",
            "runlab.local.work-root", "/srv/runlab/work",
            "runlab.run.max-files", "10");
    LocalEngineSettings s = LocalEngineSettings.fromConfig(k -> Optional.ofNullable(config.get(k)));
    assertThat(s.plainPoolSize()).isEqualTo(8);
    assertThat(s.preloadModules()).isEqualTo(List.of("numpy", "scipy"));
    assertThat(s.workRoot()).isEqualTo(Path.of("/srv/runlab/work"));
    assertThat(s.maxFiles()).isEqualTo(10);
    assertThat(s.scientificPoolSize()).isEqualTo(LocalEngineSettings.defaults().scientificPoolSize());
  }
}
