package org.runlab.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class WebhookPosterTest {
  @Test
  void postsTheAlertAsJson() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(204).build());
      server.start();

      new WebhookPoster(server.url("/hook").toString()).post("budget-alert", "Spent 160 USD (80%)");
      RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);

      assertThat(r).isNotNull();
      assertThat(r.getMethod()).isEqualTo("POST");
      assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(r.getBody().utf8()).contains("\"kind\":\"budget-alert\"", "\"message\":\"Spent 160 USD (80%)\"");
    }
  }
}
