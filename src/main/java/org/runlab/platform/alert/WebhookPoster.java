package org.runlab.platform.alert;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.runlab.platform.JsonFactory;

/** Posts an alert as JSON to the operator's webhook, without waiting for it. */
public final class WebhookPoster {
  private static final Logger LOG = Logger.getLogger(WebhookPoster.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");

  /** Posts nothing: no webhook is configured. */
  static final WebhookPoster NONE = new WebhookPoster(null, null);

  private final OkHttpClient client;
  private final String url;

  public WebhookPoster(String url) {
    this(url, new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build());
  }

  WebhookPoster(String url, OkHttpClient client) {
    this.url = url;
    this.client = client;
  }

  /** {@code {"source":"runlab","kind":...,"message":...,"at":...}} */
  static String body(String kind, String message, Instant at) {
    return JsonFactory.JSON.createObjectBuilder().add("source", "runlab").add("kind", kind).add("message", message)
        .add("text", "Runlab: " + message).add("at", at.toString()).build().toString();
  }

  public void post(String kind, String message) {
    if (url == null) {
      return;
    }
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(body(kind, message, Instant.now()), JSON)).build();
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        LOG.log(Level.WARNING, "Alert webhook failed: " + e.getMessage());
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (!response.isSuccessful()) {
            LOG.warning("Alert webhook answered " + response.code());
          }
        }
      }
    });
  }
}
