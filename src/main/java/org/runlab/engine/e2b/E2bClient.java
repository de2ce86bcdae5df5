package org.runlab.engine.e2b;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.runlab.platform.JsonFactory;

/**
 * E2B's control plane (create, get, list, kill, timeout, connect), plus the code interpreter and
 * envd file calls through {@link SandboxCalls}. Errors come out as {@link E2bException}.
 */
public final class E2bClient {
  /** The metadata key naming one create attempt, so a half-successful create can be found. */
  public static final String ATTEMPT_TAG = "attempt";

  static final MediaType JSON = MediaType.get("application/json");
  private final E2bSettings settings;
  private final OkHttpClient control;
  private final SandboxCalls sandboxes;
  private final int createAttempts;
  private volatile Consumer<String> rejectedKey = why -> {};

  public E2bClient(E2bSettings settings, OkHttpClient http) {
    this.settings = settings;
    this.control =
        http.newBuilder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("X-API-Key", settings.apiKey()).build()))
            .addInterceptor(new RetryInterceptor(3, Duration.ofMillis(200), Duration.ofSeconds(10)))
            .addInterceptor(this::noticeRejectedKey)
            .callTimeout(Duration.ofSeconds(60))
            .build();
    this.sandboxes = new SandboxCalls(settings, http);
    this.createAttempts = 3;
  }

  /**
   * Tells {@code listener} whenever E2B answers a control-plane call with 401, whichever call it
   * was (a run's create, the reaper's list): a revoked key shows on the first call that meets it.
   */
  public void onRejectedKey(Consumer<String> listener) {
    this.rejectedKey = listener;
  }

  private Response noticeRejectedKey(okhttp3.Interceptor.Chain chain) throws IOException {
    Response r = chain.proceed(chain.request());
    if (r.code() == 401) {
      rejectedKey.accept("E2B rejected the API key (" + chain.request().method() + " "
          + chain.request().url().encodedPath() + ": " + Responses.message(r.peekBody(2048).string()) + ")");
    }
    return r;
  }

  /**
   * Creates a sandbox from the configured template with our tags. A create that failed with a
   * 5xx, a gateway timeout or a cut connection may still have made a sandbox: each attempt is
   * tagged, and whatever carries a failed attempt's tag is killed before trying again.
   */
  public SandboxAddress create(Map<String, String> metadata) {
    return create(metadata, settings.template(), settings.learnerInternet() ? Egress.OPEN : Egress.CLOSED);
  }

  /**
   * Creates a sandbox from {@code template} that may reach only what {@code egress} allows, with
   * our tags; see {@link #create(Map)}.
   */
  SandboxAddress create(Map<String, String> metadata, String template, Egress egress) {
    E2bException last = null;
    for (int attempt = 0; attempt < createAttempts; attempt++) {
      String tag = UUID.randomUUID().toString();
      Map<String, String> md = new LinkedHashMap<>(metadata);
      md.put(ATTEMPT_TAG, tag);
      try {
        return createOnce(md, template, egress);
      } catch (E2bException e) {
        if (!(e.kind() == E2bException.Kind.SERVER || e.kind() == E2bException.Kind.NETWORK)) {
          throw e;
        }
        last = e;
        killTagged(Map.of(ATTEMPT_TAG, tag));
        sleep(Duration.ofMillis(200L << attempt));
      }
    }
    throw last;
  }

  private SandboxAddress createOnce(Map<String, String> metadata, String template, Egress egress) {
    JsonObjectBuilder md = JsonFactory.JSON.createObjectBuilder();
    metadata.forEach(md::add);
    JsonObjectBuilder body =
        JsonFactory.JSON.createObjectBuilder()
            .add("templateID", template)
            .add("timeout", Math.max(1, settings.sandboxTimeout().toSeconds()))
            .add("secure", true)
            // false alone is E2B's denyOut [0.0.0.0/0]; the explicit lists say the same, and
            // let the package index through while a sandbox installs.
            .add("allow_internet_access", egress.open())
            .add("metadata", md);
    if (!egress.open()) {
      body.add("network", egress.json());
    }
    JsonObject o = object(send(post("/sandboxes", body.build())));
    return new SandboxAddress(
        o.getString("sandboxID"),
        o.getString("templateID", template),
        stringOrNull(o, "envdAccessToken"),
        stringOrNull(o, "domain"));
  }

  /** Kills every sandbox carrying all of {@code tags}; returns how many. */
  public int killTagged(Map<String, String> tags) {
    try {
      int n = 0;
      for (SandboxInfo s : list(tags)) {
        n += kill(s.id()) ? 1 : 0;
      }
      return n;
    } catch (E2bException e) {
      return 0; // the reaper finds it later by the installation tag
    }
  }

  /** The sandbox's state and billed size; throws SANDBOX_GONE when it no longer exists. */
  public SandboxInfo get(String id) {
    return info(object(send(new Request.Builder().url(url("/sandboxes/" + id)).get().build())));
  }

  /** Running sandboxes carrying all of {@code metadata}, every page. */
  public List<SandboxInfo> list(Map<String, String> metadata) {
    List<SandboxInfo> all = new ArrayList<>();
    String next = null;
    do {
      HttpUrl.Builder url =
          HttpUrl.get(url("/v2/sandboxes")).newBuilder()
              .addQueryParameter("state", "running")
              .addQueryParameter("limit", "100");
      if (!metadata.isEmpty()) {
        url.addEncodedQueryParameter("metadata", metadataFilter(metadata));
      }
      if (next != null) {
        url.addQueryParameter("nextToken", next);
      }
      try (Response r = call(new Request.Builder().url(url.build()).get().build())) {
        if (!r.isSuccessful()) {
          throw Responses.failure(r);
        }
        next = r.header("X-Next-Token");
        for (JsonValue v : array(r.body().string())) {
          all.add(info(v.asJsonObject()));
        }
      } catch (IOException e) {
        throw network("list", e);
      }
    } while (next != null && !next.isBlank());
    return all;
  }

  /** Kills a sandbox; false when it was already gone. */
  public boolean kill(String id) {
    try (Response r = call(new Request.Builder().url(url("/sandboxes/" + id)).delete().build())) {
      if (r.code() == 404) {
        return false;
      }
      if (!r.isSuccessful()) {
        throw Responses.failure(r);
      }
      return true;
    }
  }

  /** Sets the sandbox to expire {@code ttl} from now (E2B clamps it to the plan's maximum). */
  public void setTimeout(String id, Duration ttl) {
    send(post("/sandboxes/" + id + "/timeout", JsonFactory.JSON.createObjectBuilder().add("timeout", ttl.toSeconds()).build()))
        .close();
  }

  /**
   * Replaces what a running sandbox may reach ({@code PUT /sandboxes/{id}/network}); takes effect
   * for new connections before the call returns.
   */
  void updateNetwork(String id, Egress egress) {
    Request put = new Request.Builder().url(url("/sandboxes/" + id + "/network"))
        .put(RequestBody.create(egress.json().toString(), JSON)).build();
    send(put).close();
  }

  /** Reattaches to a sandbox (resuming it if paused) and returns a fresh handle. */
  public SandboxAddress connect(String id, Duration ttl) {
    JsonObject o =
        object(
            send(
                post(
                    "/v2/sandboxes/" + id + "/connect",
                    JsonFactory.JSON.createObjectBuilder().add("timeout", ttl.toSeconds()).build())));
    return new SandboxAddress(
        o.getString("sandboxID"),
        o.getString("templateID", settings.template()),
        stringOrNull(o, "envdAccessToken"),
        stringOrNull(o, "domain"));
  }

  /** The code interpreter and envd calls for a sandbox. */
  public SandboxCalls sandbox() {
    return sandboxes;
  }

  /**
   * The list filter exactly as the SDK puts it on the wire: keys and values encoded twice,
   * joined with {@code =} and {@code &}, and the whole encoded once more; the API decodes three
   * times (Corrections 14: {@code {a:'b c'}} becomes {@code a%3Db%252520c}).
   */
  static String metadataFilter(Map<String, String> metadata) {
    String joined =
        metadata.entrySet().stream()
            .map(e -> enc(enc(e.getKey())) + "=" + enc(enc(e.getValue())))
            .collect(Collectors.joining("&"));
    return enc(joined);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String url(String path) {
    return settings.apiUrl() + path;
  }

  private Request post(String path, JsonObject body) {
    return new Request.Builder().url(url(path)).post(RequestBody.create(body.toString(), JSON)).build();
  }

  private Response call(Request request) {
    try {
      return control.newCall(request).execute();
    } catch (IOException e) {
      throw network(request.method() + " " + request.url().encodedPath(), e);
    }
  }

  private Response send(Request request) {
    Response r = call(request);
    if (r.code() == 404) {
      r.close();
      throw new E2bException(E2bException.Kind.SANDBOX_GONE, 404, "sandbox not found: " + request.url().encodedPath());
    }
    if (!r.isSuccessful()) {
      try (r) {
        throw Responses.failure(r);
      }
    }
    return r;
  }

  static E2bException network(String what, IOException e) {
    return new E2bException(E2bException.Kind.NETWORK, 0, what + ": " + e, null, e);
  }

  private static JsonObject object(Response r) {
    try (r) {
      try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(r.body().string()))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw network("reading a response", e);
    } catch (RuntimeException notJson) {
      throw new E2bException(E2bException.Kind.SERVER, r.code(), "a success answer that is not JSON", null, notJson);
    }
  }

  private static JsonArray array(String body) {
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      return reader.readArray();
    }
  }

  private static SandboxInfo info(JsonObject o) {
    Map<String, String> md = new HashMap<>();
    JsonObject m = o.containsKey("metadata") && !o.isNull("metadata") ? o.getJsonObject("metadata") : null;
    if (m != null) {
      m.forEach((k, v) -> md.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    return new SandboxInfo(
        o.getString("sandboxID"),
        o.getString("templateID", ""),
        o.getInt("cpuCount", 0),
        o.getInt("memoryMB", 0),
        instant(o, "startedAt"),
        instant(o, "endAt"),
        o.getString("state", "running"),
        md);
  }

  private static Instant instant(JsonObject o, String key) {
    String s = stringOrNull(o, key);
    return s == null ? null : java.time.OffsetDateTime.parse(s).toInstant();
  }

  static String stringOrNull(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new E2bException(E2bException.Kind.NETWORK, 0, "interrupted", null, e);
    }
  }
}
