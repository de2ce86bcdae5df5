package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SelectionSettingsTest {

  @Test
  void defaultsMatchTheShippedConfigFile() throws Exception {
    Properties props = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      props.load(in);
    }
    SelectionSettings fromFile = SelectionSettings.from(k -> Optional.ofNullable(props.getProperty(k)));
    assertThat(fromFile).isEqualTo(SelectionSettings.defaults());
  }

  @Test
  void readsEveryKeyThroughTheLookup() {
    Map<String, String> config = Map.of(
        "runlab.pyodide.package-base-url", "https://static.example/pkgs/",
        "runlab.selection.browser-max-files", "3",
        "runlab.selection.server-features", "threads, sockets",
        "runlab.selection.server-engine.free", "e2b");
    SelectionSettings s = SelectionSettings.from(k -> Optional.ofNullable(config.get(k)));
    assertThat(s.browserHasPackages()).isTrue();
    assertThat(s.browserMaxFiles()).isEqualTo(3);
    assertThat(s.serverFeatures()).containsExactlyInAnyOrder(Feature.THREADS, Feature.SOCKETS);
    assertThat(s.serverEngineFor("free")).isEqualTo("e2b");
    assertThat(s.serverEngineFor("PAID")).isEqualTo("e2b");
    assertThat(s.serverEngineFor("ANONYMOUS")).isEqualTo("local");
  }
}
