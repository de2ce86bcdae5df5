package org.runlab.engine.e2b.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The fake sandbox proxy: routes by header to port 49999 (code interpreter) or 49983 (envd). */
final class FakeDataPlane implements HttpHandler {
  private final FakeE2b fake;

  FakeDataPlane(FakeE2b fake) {
    this.fake = fake;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      route(ex);
    } catch (IllegalArgumentException e) {
      FakeE2b.send(ex, 400, "text/plain", e.getMessage());
    } catch (RuntimeException e) {
      FakeE2b.send(ex, 500, "text/plain", "Internal Server Error: " + e);
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String id = ex.getRequestHeaders().getFirst("E2b-Sandbox-Id");
    String port = ex.getRequestHeaders().getFirst("E2b-Sandbox-Port");
    if (id == null && port == null) {
      FakeE2b.send(ex, 400, "text/plain", "invalid host: " + ex.getRequestHeaders().getFirst("Host"));
      return;
    }
    if (id == null || port == null) {
      FakeE2b.send(ex, 400, "text/plain", "missing header");
      return;
    }
    if (!id.matches("^[a-z0-9]+$")) {
      FakeE2b.send(ex, 400, "text/plain", "invalid sandbox id");
      return;
    }
    if (!port.matches("^[0-9]{1,5}$")) {
      FakeE2b.send(ex, 400, "text/plain", "invalid port");
      return;
    }
    FakeSandbox s = fake.running(id);
    if (s == null) {
      proxyError(ex, id, "The sandbox was not found", null);
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (port.equals("49999") && !Instant.now().isBefore(s.portOpensAt)) {
      interpreter(ex, s, path);
    } else if (port.equals("49983")) {
      envd(ex, s, path);
    } else {
      proxyError(ex, id, "The sandbox is running but port is not open", Integer.parseInt(port));
    }
  }

  private static void proxyError(HttpExchange ex, String id, String message, Integer port)
      throws IOException {
    var b = Json.createObjectBuilder().add("sandboxId", id).add("message", message);
    if (port != null) {
      b.add("port", port);
    }
    FakeE2b.json(ex, 502, b.add("code", 502).build().toString());
  }

  private void interpreter(HttpExchange ex, FakeSandbox s, String path) throws IOException {
    String method = ex.getRequestMethod();
    if (method.equals("GET") && path.equals("/health")) {
      FakeE2b.json(ex, 200, "\"OK\"");
    } else if (method.equals("POST") && path.equals("/execute")) {
      execute(ex, s);
    } else if (method.equals("POST") && path.equals("/contexts")) {
      JsonObject body = FakeControlPlane.body(ex);
      FakeKernel k = s.newContext(body.getString("cwd", "/home/user"));
      FakeE2b.json(ex, 200, context(k).toString());
    } else if (method.equals("GET") && path.equals("/contexts")) {
      JsonArrayBuilder arr = Json.createArrayBuilder();
      s.contexts.values().forEach(k -> arr.add(context(k)));
      FakeE2b.json(ex, 200, arr.build().toString());
    } else if (path.startsWith("/contexts/")) {
      String[] parts = path.split("/");
      FakeKernel k = s.contexts.get(parts[2]);
      if (k == null) {
        FakeE2b.send(ex, 404, "text/plain", "Context " + parts[2] + " not found");
      } else if (method.equals("POST") && parts.length == 4 && parts[3].equals("restart")) {
        k.restart();
        FakeE2b.json(ex, 200, "null");
      } else if (method.equals("DELETE") && parts.length == 3) {
        s.contexts.remove(k.id).close();
        FakeE2b.json(ex, 200, "null");
      } else {
        FakeE2b.send(ex, 404, "text/plain", "Not Found");
      }
    } else {
      FakeE2b.json(ex, 404, "{\"detail\":\"Not Found\"}");
    }
  }

  private static JsonObject context(FakeKernel k) {
    return Json.createObjectBuilder()
        .add("id", k.id)
        .add("language", "python")
        .add("cwd", "/home/user")
        .build();
  }

  private void execute(HttpExchange ex, FakeSandbox s) throws IOException {
    JsonObject body = FakeControlPlane.body(ex);
    String contextId =
        body.get("context_id") instanceof jakarta.json.JsonString c ? c.getString() : null;
    boolean hasLanguage = body.containsKey("language") && !body.isNull("language");
    if (contextId != null && hasLanguage) {
      FakeE2b.send(ex, 400, "text/plain", "Only one of context_id or language can be provided");
      return;
    }
    FakeKernel k = contextId == null ? s.defaultContext() : s.contexts.get(contextId);
    if (k == null) {
      FakeE2b.send(ex, 404, "text/plain", "Context " + contextId + " not found");
      return;
    }
    k.lock().lock();
    try {
      String code = body.getString("code");
      fake.record(s.id, "execute", code.strip().lines().findFirst().orElse(""));
      ex.sendResponseHeaders(200, 0);
      new FakeExecution(fake, s, k, ex.getResponseBody()).stream(code);
    } finally {
      k.lock().unlock();
      ex.close();
    }
  }

  private void envd(HttpExchange ex, FakeSandbox s, String path) throws IOException {
    String method = ex.getRequestMethod();
    if (path.equals("/health") && method.equals("GET")) {
      FakeE2b.send(ex, 204, null, "");
      return;
    }
    String token = ex.getRequestHeaders().getFirst("X-Access-Token");
    if (s.accessToken != null && !s.accessToken.equals(token)) {
      FakeE2b.error(ex, 401, "unauthorized access, please provide a valid access token");
      return;
    }
    if (!path.equals("/files")) {
      FakeE2b.error(ex, 404, "not found");
      return;
    }
    Map<String, String> q = FakeControlPlane.query(ex.getRequestURI().getRawQuery());
    if (method.equals("GET")) {
      Path real = s.resolve(q.getOrDefault("path", ""));
      if (!Files.isRegularFile(real)) {
        FakeE2b.error(ex, 404, "path '" + q.get("path") + "' does not exist");
        return;
      }
      byte[] bytes = Files.readAllBytes(real);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
      ex.close();
    } else if (method.equals("POST")) {
      JsonArrayBuilder written = Json.createArrayBuilder();
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      for (FakeMultipart.Part part : FakeMultipart.parse(type, ex.getRequestBody().readAllBytes())) {
        if (!part.name().equals("file")) {
          FakeE2b.error(ex, 400, "unexpected form field '" + part.name() + "'");
          return;
        }
        Path real = s.resolve(q.containsKey("path") ? q.get("path") : part.filename());
        Files.createDirectories(real.getParent());
        Files.write(real, part.content());
        written.add(
            Json.createObjectBuilder()
                .add("path", s.sandboxPath(real))
                .add("name", real.getFileName().toString())
                .add("type", "file"));
      }
      FakeE2b.json(ex, 200, written.build().toString());
    } else {
      FakeE2b.error(ex, 405, "method not allowed");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
