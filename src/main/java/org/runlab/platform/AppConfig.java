package org.runlab.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Runlab's configuration: system properties, environment variables and the WAR's
 * {@code META-INF/microprofile-config.properties}, where every default is written once. Settings
 * records read it with {@code X.from(config.get())}.
 *
 * <p>Built for the application's own class loader rather than injected: Payara's injected
 * {@code Config} finds the application by the current invocation, and code run at deployment
 * (start-up singletons, the local engine's warm pool) has none, so it would miss the WAR's file.
 */
@ApplicationScoped
public class AppConfig {
  private Config config;

  @PostConstruct
  void build() {
    config = ConfigProviderResolver.instance().getBuilder()
        .forClassLoader(AppConfig.class.getClassLoader())
        .addDefaultSources()
        .addDiscoveredSources()
        .addDiscoveredConverters()
        .build();
  }

  public Config get() {
    return config;
  }
}
