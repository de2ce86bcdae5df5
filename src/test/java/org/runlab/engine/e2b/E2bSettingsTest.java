package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.runlab.platform.TestConfig;

/** Settings: the shipped defaults; derived values; clamping. */
class E2bSettingsTest {
  private static E2bSettings with(Map<String, String> values) {
    Map<String, String> keys = new HashMap<>();
    values.forEach((k, v) -> keys.put(E2bSettings.PREFIX + k, v));
    return E2bSettings.from(TestConfig.with(keys));
  }

  @Test
  void theShippedDefaultsAreTheDocumentedOnes() {
    E2bSettings s = E2bSettings.from(TestConfig.defaults());

    assertThat(s.template()).isEqualTo("code-interpreter-v1");
    assertThat(s.sandboxTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.poolMin()).isEqualTo(1);
    assertThat(s.poolMax()).isEqualTo(3);
    assertThat(s.maxConcurrent()).isEqualTo(15);
    assertThat(s.maxLifetime()).isEqualTo(Duration.ofMinutes(55));
    assertThat(s.learnerInternet()).isFalse();
    assertThat(s.packageIndexHosts()).isEmpty();
    assertThat(s.templateFor("paid")).isEqualTo("code-interpreter-v1");
    assertThat(s.installation()).isEqualTo("runlab");
  }

  @Test
  void noKeyMeansOffAndApiUrlFollowsTheDomain() {
    E2bSettings s = with(Map.of("domain", "e2b.dev"));

    assertThat(s.configured()).isFalse();
    assertThat(s.apiUrl()).isEqualTo("https://api.e2b.dev");
    assertThat(s.sandboxUrl()).isNull();
  }

  @Test
  void aTierMayHaveItsOwnTemplate() {
    E2bSettings s = with(Map.of("template", "base-small", "template.paid", "big-2cpu-4g"));

    assertThat(s.templateFor("paid")).isEqualTo("big-2cpu-4g");
    assertThat(s.templateFor("PAID")).isEqualTo("big-2cpu-4g");
    assertThat(s.templateFor("free")).isEqualTo("base-small");
    assertThat(s.templateFor("")).isEqualTo("base-small");
  }

  @Test
  void packageIndexHostsAreACommaSeparatedList() {
    E2bSettings s = with(Map.of("package-index-hosts", " index.example.test, files.example.test ,,"));

    assertThat(s.packageIndexHosts()).containsExactly("index.example.test", "files.example.test");
  }

  @Test
  void poolNeverExceedsTheConcurrencyCap() {
    E2bSettings s = with(Map.of("max-concurrent", "2", "pool.min", "4", "pool.max", "9"));

    assertThat(s.poolMax()).isEqualTo(2);
    assertThat(s.poolMin()).isEqualTo(2);
  }
}
