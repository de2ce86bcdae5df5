package org.runlab.engine.e2b.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The fake's control-plane API: create, get, list, kill, timeout, connect, pause. */
final class FakeControlPlane implements HttpHandler {
  private static final Pattern ONE = Pattern.compile("^(?:/v2)?/sandboxes/([^/]+)(/[a-z]+)?$");
  private final FakeE2b fake;

  FakeControlPlane(FakeE2b fake) {
    this.fake = fake;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      route(ex);
    } catch (RuntimeException e) {
      FakeE2b.error(ex, 400, "Error when parsing request: " + e.getMessage());
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    if (path.equals("/health")) {
      FakeE2b.json(ex, 200, "\"OK\"");
      return;
    }
    String key = ex.getRequestHeaders().getFirst("X-API-Key");
    if (key == null) {
      FakeE2b.error(ex, 401, "authorization header is missing");
      return;
    }
    if (!key.startsWith("e2b_")) {
      FakeE2b.error(ex, 401, "authorization header is malformed");
      return;
    }
    if (fake.faults.unauthorized || !key.equals(fake.apiKey)) {
      FakeE2b.error(
          ex,
          401,
          "Invalid API key, please visit https://e2b.dev/docs/api-key for more information.");
      return;
    }
    if (FakeFaults.take(fake.faults.rateLimited)) {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(fake.faults.retryAfterSeconds));
      FakeE2b.error(ex, 429, "Rate limit exceeded");
      return;
    }
    if (method.equals("POST") && (path.equals("/sandboxes") || path.equals("/v2/sandboxes"))) {
      create(ex, path.startsWith("/v2"));
    } else if (method.equals("GET") && path.equals("/v2/sandboxes")) {
      list(ex, true);
    } else if (method.equals("GET") && path.equals("/sandboxes")) {
      list(ex, false);
    } else {
      Matcher m = ONE.matcher(path);
      if (!m.matches()) {
        FakeE2b.error(ex, 404, "Not found");
        return;
      }
      one(ex, method, m.group(1), m.group(2) == null ? "" : m.group(2));
    }
  }

  private void create(HttpExchange ex, boolean v2) throws IOException {
    JsonObject body = body(ex);
    sleep(fake.faults.createLatency);
    long timeout = body.getJsonNumber("timeout") == null ? (v2 ? 300 : 15) : body.getInt("timeout");
    if (timeout <= 0) {
      FakeE2b.error(ex, 400, "Timeout must be greater than 0");
      return;
    }
    if (timeout > fake.faults.planMaxLifetime.toSeconds()) {
      FakeE2b.error(ex, 400, "Timeout cannot be greater than 1 hours");
      return;
    }
    Map<String, String> metadata = new HashMap<>();
    JsonObject md = body.getJsonObject("metadata");
    if (md != null) {
      md.forEach((k, v) -> metadata.put(k, ((jakarta.json.JsonString) v).getString()));
    }
    boolean internet = body.getBoolean("allow_internet_access", true);
    boolean secure = v2 || body.getBoolean("secure", false);
    if (FakeFaults.take(fake.faults.createConcurrencyCapped)) {
      FakeE2b.error(ex, 429, "you have reached the maximum number of concurrent E2B sandboxes (20)."
          + " If you need more, please visit 'https://e2b.dev/docs/billing'");
      return;
    }
    boolean serverError = FakeFaults.take(fake.faults.createServerErrors);
    boolean gatewayTimeout = !serverError && FakeFaults.take(fake.faults.createGatewayTimeouts);
    if ((serverError || gatewayTimeout) && !fake.faults.failedCreateLeavesSandbox) {
      fail(ex, serverError);
      return;
    }
    FakeNetwork network;
    try {
      network = FakeNetwork.from(
          body.containsKey("network") && !body.isNull("network") ? body.getJsonObject("network") : null, internet);
    } catch (IllegalArgumentException e) {
      FakeE2b.error(ex, 400, e.getMessage());
      return;
    }
    FakeSandbox s =
        fake.create(body.getString("templateID", "base"), metadata, timeout, internet, secure, network);
    if (serverError || gatewayTimeout) {
      fail(ex, serverError);
      return;
    }
    JsonObjectBuilder out = sandbox(s);
    if (s.accessToken != null) {
      out.add("envdAccessToken", s.accessToken);
    }
    FakeE2b.json(ex, 201, out.build().toString());
  }

  private static void fail(HttpExchange ex, boolean serverError) throws IOException {
    if (serverError) {
      FakeE2b.error(ex, 500, "Failed to create sandbox: failed to place sandbox");
    } else {
      FakeE2b.send(ex, 504, "text/plain", "upstream request timeout");
    }
  }

  private void one(HttpExchange ex, String method, String id, String action) throws IOException {
    fake.expireDue();
    FakeSandbox s = fake.sandboxes.get(id);
    if (s == null) {
      FakeE2b.error(ex, 404, "Sandbox \"" + id + "\" doesn't exist or you don't have access to it");
      return;
    }
    switch (method + " " + action) {
      case "GET " -> FakeE2b.json(ex, 200, detail(s).build().toString());
      case "DELETE " -> {
        fake.killFromOutside(id);
        FakeE2b.send(ex, 204, null, "");
      }
      case "POST /timeout" -> {
        long t = body(ex).getInt("timeout");
        Instant max = s.startedAt.plus(fake.faults.planMaxLifetime);
        if (!Instant.now().isBefore(max)) {
          FakeE2b.error(ex, 400, "Max instance length exceeded");
          return;
        }
        if (!s.state.equals("running")) {
          FakeE2b.error(ex, 404, "Sandbox \"" + id + "\" is paused");
          return;
        }
        Instant end = Instant.now().plusSeconds(t);
        s.endAt = end.isAfter(max) ? max : end;
        FakeE2b.send(ex, 204, null, "");
      }
      case "POST /connect" -> {
        JsonObject body = body(ex);
        long t = body.getJsonNumber("timeout") == null ? 300 : body.getInt("timeout");
        boolean resumed = s.state.equals("paused");
        s.state = "running";
        Instant end = Instant.now().plusSeconds(t);
        if (resumed || end.isAfter(s.endAt)) {
          s.endAt = end;
        }
        JsonObjectBuilder out = sandbox(s);
        if (s.accessToken != null) {
          out.add("envdAccessToken", s.accessToken);
        }
        FakeE2b.json(ex, resumed ? 201 : 200, out.build().toString());
      }
      case "PUT /network" -> {
        if (!s.state.equals("running")) {
          FakeE2b.error(ex, 409, "Sandbox \"" + id + "\" is not running");
          return;
        }
        FakeNetwork n;
        try {
          n = FakeNetwork.from(body(ex), true); // replaces both lists; {} opens the sandbox again
        } catch (IllegalArgumentException e) {
          FakeE2b.error(ex, 400, e.getMessage());
          return;
        }
        s.network(n);
        fake.record(id, "network", n.toString());
        FakeE2b.send(ex, 204, null, "");
      }
      case "POST /pause" -> {
        if (s.state.equals("paused")) {
          FakeE2b.error(ex, 409, "Error pausing sandbox - sandbox '" + id + "' is already paused");
          return;
        }
        s.state = "paused";
        FakeE2b.send(ex, 204, null, "");
      }
      default -> FakeE2b.error(ex, 405, "Method not allowed");
    }
  }

  private void list(HttpExchange ex, boolean v2) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    Map<String, String> filter = new HashMap<>();
    String md = q.get("metadata");
    if (md != null) {
      // The SDK encodes the filter three times and the API decodes it three times (Corrections 14);
      // query() did the first decoding.
      String once = decode(md);
      for (String pair : once.split("&")) {
        String[] kv = pair.split("=", 2);
        filter.put(decode(kv[0]), decode(kv.length > 1 ? kv[1] : ""));
      }
    }
    List<String> states = List.of(q.getOrDefault("state", v2 ? "running,paused" : "running").split(","));
    List<FakeSandbox> all =
        fake.sandboxes.values().stream()
            .filter(s -> states.contains(s.state))
            .filter(s -> s.metadata.entrySet().containsAll(filter.entrySet()))
            .sorted(Comparator.comparing((FakeSandbox s) -> s.startedAt).reversed().thenComparing(s -> s.id))
            .collect(Collectors.toList());
    fake.expireDue();
    all.removeIf(s -> !fake.sandboxes.containsKey(s.id));
    int from = q.containsKey("nextToken") ? Integer.parseInt(q.get("nextToken")) : 0;
    int limit =
        v2
            ? Math.min(fake.faults.maxPageSize, Integer.parseInt(q.getOrDefault("limit", "100")))
            : Integer.MAX_VALUE;
    int to = (int) Math.min(all.size(), (long) from + limit);
    JsonArrayBuilder arr = Json.createArrayBuilder();
    for (FakeSandbox s : all.subList(Math.min(from, to), to)) {
      arr.add(detail(s).remove("envdAccessToken").remove("domain").remove("network"));
    }
    if (v2 && to < all.size()) {
      ex.getResponseHeaders().set("X-Next-Token", Integer.toString(to));
    }
    if (states.contains("running")) {
      ex.getResponseHeaders()
          .set("X-Total-Running", Long.toString(all.stream().filter(s -> s.state.equals("running")).count()));
    }
    FakeE2b.json(ex, 200, arr.build().toString());
  }

  private static JsonObjectBuilder sandbox(FakeSandbox s) {
    return Json.createObjectBuilder()
        .add("templateID", s.templateId)
        .add("sandboxID", s.id)
        .add("clientID", "6532622b")
        .add("envdVersion", "0.4.2")
        .add("domain", JsonValue.NULL);
  }

  private static JsonObjectBuilder detail(FakeSandbox s) {
    JsonObjectBuilder md = Json.createObjectBuilder();
    s.metadata.forEach(md::add);
    return sandbox(s)
        .add("startedAt", s.startedAt.toString())
        .add("endAt", s.endAt.toString())
        .add("cpuCount", s.cpuCount)
        .add("memoryMB", s.memoryMb)
        .add("diskSizeMB", 10240)
        .add("metadata", md)
        .add("state", s.state)
        .add("envdAccessToken", s.accessToken == null ? "" : s.accessToken)
        .add("allowInternetAccess", s.allowInternet)
        .add("network", s.network.json());
  }

  static JsonObject body(HttpExchange ex) throws IOException {
    String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    return Json.createReader(new StringReader(text)).readObject();
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        q.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    return q;
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
