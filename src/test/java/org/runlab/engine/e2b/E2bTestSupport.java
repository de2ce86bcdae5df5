package org.runlab.engine.e2b;

import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.runlab.engine.e2b.fake.FakeE2b;

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
    return E2bSettings.from(m);
  }

  static E2bClient client(FakeE2b fake) {
    return new E2bClient(settings(fake, Map.of()), new OkHttpClient());
  }

  static E2bClient client(E2bSettings settings) {
    return new E2bClient(settings, new OkHttpClient());
  }
}
