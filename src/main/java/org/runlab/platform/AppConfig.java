package org.runlab.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Runlab's configuration: system properties, environment variables and the WAR's
 * {@code META-INF/microprofile-config.properties}, where every default is written once. Settings
 * records read it with {@code X.from(config.get())}.
 *
 * <p>Built here rather than injected: Payara adds an application's properties file only once it
 * knows the application, by the current invocation or its registry, and code run during
 * deployment (start-up singletons, the local engine warming its pool, a health probe) may find
 * neither. So the WAR's file is added as a source of its own, at the standard ordinal.
 */
@ApplicationScoped
public class AppConfig {
  static final String FILE = "META-INF/microprofile-config.properties";

  private Config config;

  @PostConstruct
  void build() {
    ClassLoader loader = AppConfig.class.getClassLoader();
    config = ConfigProviderResolver.instance().getBuilder()
        .forClassLoader(loader)
        .addDefaultSources()
        .addDiscoveredConverters()
        .withSources(new WarProperties(loader))
        .build();
  }

  public Config get() {
    return config;
  }

  /** The WAR's properties file, ordinal 100 as MicroProfile Config gives every such file. */
  static final class WarProperties implements ConfigSource {
    private final Map<String, String> values = new HashMap<>();

    WarProperties(ClassLoader loader) {
      try {
        URL url = loader.getResource(FILE);
        if (url != null) {
          Properties p = new Properties();
          try (InputStream in = url.openStream()) {
            p.load(in);
          }
          p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + FILE, e);
      }
    }

    @Override
    public Set<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public String getValue(String name) {
      return values.get(name);
    }

    @Override
    public String getName() {
      return "Runlab WAR " + FILE;
    }

    @Override
    public int getOrdinal() {
      return 100;
    }
  }
}
