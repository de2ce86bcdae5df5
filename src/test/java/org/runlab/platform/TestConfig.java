package org.runlab.platform;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Configuration for unit tests: the application's own {@code META-INF/microprofile-config.properties}
 * (every default lives there, once), with a test's overrides on top.
 */
public final class TestConfig {
  private TestConfig() {}

  /** The defaults, as the server has them. */
  public static Config defaults() {
    return with(Map.of());
  }

  /** The defaults with {@code overrides} (full keys, such as {@code runlab.local.pool.plain-size}). */
  public static Config with(Map<String, String> overrides) {
    return new SmallRyeConfigBuilder()
        .addDefaultSources()
        .withSources(new PropertiesConfigSource(overrides, "test overrides", 1000))
        .build();
  }
}
