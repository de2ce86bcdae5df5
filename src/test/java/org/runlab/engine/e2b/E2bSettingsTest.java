package org.runlab.engine.e2b;

import org.runlab.account.Tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings: defaults in code match the properties file; derived values; clamping. */
class E2bSettingsTest {
  @Test
  void defaultsInCodeMatchMicroprofileConfigProperties() throws Exception {
    Properties p = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      p.load(in);
    }
    E2bSettings.DEFAULTS.forEach((k, v) -> assertThat(p.getProperty(E2bSettings.PREFIX + k)).as(k).isEqualTo(v));
    assertThat(p.stringPropertyNames()).filteredOn(k -> k.startsWith(E2bSettings.PREFIX))
        .allSatisfy(k -> assertThat(E2bSettings.DEFAULTS).containsKey(k.substring(E2bSettings.PREFIX.length())));
  }

  @Test
  void noKeyMeansOffAndApiUrlFollowsTheDomain() {
    E2bSettings s = E2bSettings.from(Map.of("domain", "e2b.dev"));

    assertThat(s.configured()).isFalse();
    assertThat(s.apiUrl()).isEqualTo("https://api.e2b.dev");
    assertThat(s.sandboxUrl()).isNull();
    assertThat(s.idleTimeout(Tier.PAID)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void poolNeverExceedsTheConcurrencyCap() {
    E2bSettings s = E2bSettings.from(Map.of("max-concurrent", "2", "pool.min", "4", "pool.max", "9"));

    assertThat(s.poolMax()).isEqualTo(2);
    assertThat(s.poolMin()).isEqualTo(2);
  }
}
