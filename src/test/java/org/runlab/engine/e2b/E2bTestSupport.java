package org.runlab.engine.e2b;

import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.platform.TestConfig;

/** Settings and clients pointed at a {@link FakeE2b}. */
final class E2bTestSupport {
  private E2bTestSupport() {}

  static E2bSettings settings(FakeE2b fake, Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>();
    m.put("api-key", FakeE2b.API_KEY);
    m.put("api-url", fake.apiUrl());
    m.put("sandbox-url", fake.sandboxUrl());
    m.put("pool.min", "0");
    m.put("installation", "test-install");
    m.put("instance", "test-instance");
    m.putAll(overrides);
    Map<String, String> keys = new HashMap<>();
    m.forEach((k, v) -> keys.put(E2bSettings.PREFIX + k, v));
    return E2bSettings.from(TestConfig.with(keys));
  }

  /** How long the learner keeps their sandbox between runs in these tests (a FREE learner's). */
  static final java.time.Duration IDLE = java.time.Duration.ofMinutes(5);

  static E2bClient client(FakeE2b fake) {
    return new E2bClient(settings(fake, Map.of()), new OkHttpClient());
  }

  static E2bClient client(E2bSettings settings) {
    return new E2bClient(settings, new OkHttpClient());
  }
}
