package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.runlab.engine.EngineId;
import org.runlab.platform.TestConfig;

class SelectionSettingsTest {

  @Test
  void theShippedDefaultsAreTheDocumentedOnes() {
    SelectionSettings s = SelectionSettings.from(TestConfig.defaults());
    assertThat(s.browserHasPackages()).isFalse();
    assertThat(s.browserMaxFiles()).isEqualTo(12);
    assertThat(s.browserMaxBytes()).isEqualTo(262144);
    assertThat(s.serverFeatures()).contains(Feature.THREADS, Feature.SOCKETS, Feature.CTYPES)
        .doesNotContain(Feature.INPUT);
    assertThat(s.serverEngineFor("FREE")).isEqualTo(EngineId.LOCAL);
    assertThat(s.serverEngineFor("PAID")).isEqualTo(EngineId.E2B);
    assertThat(s.e2bEnabled()).isTrue();
  }

  @Test
  void readsEveryKeyThroughTheConfig() {
    Map<String, String> config = Map.of(
        "runlab.pyodide.package-base-url", "https://static.example/pkgs/",
        "runlab.selection.browser-max-files", "3",
        "runlab.selection.server-features", "threads, sockets",
        "runlab.selection.server-engine.free", "e2b");
    SelectionSettings s = SelectionSettings.from(TestConfig.with(config));
    assertThat(s.browserHasPackages()).isTrue();
    assertThat(s.browserMaxFiles()).isEqualTo(3);
    assertThat(s.serverFeatures()).containsExactlyInAnyOrder(Feature.THREADS, Feature.SOCKETS);
    assertThat(s.serverEngineFor("free")).isEqualTo(EngineId.E2B);
    assertThat(s.serverEngineFor("PAID")).isEqualTo(EngineId.E2B);
    assertThat(s.serverEngineFor("ANONYMOUS")).isEqualTo(EngineId.LOCAL);
  }
}
