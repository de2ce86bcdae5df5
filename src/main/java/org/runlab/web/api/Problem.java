package org.runlab.web.api;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.runlab.platform.JsonFactory;

/**
 * An RFC 9457 problem detail: status, a short title, a detail a person can act on, and for
 * invalid input the {@code field} at fault. Extra members (a reset time, an upgrade link) go in
 * {@code extensions}.
 */
public record Problem(
    int status, String type, String title, String detail, String field, Map<String, Object> extensions) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, "about:blank", title, detail, null, Map.of());
  }

  public static Problem invalid(int status, String field, String detail) {
    return new Problem(status, "about:blank", "Invalid request", detail, field, Map.of());
  }

  public Problem with(String name, Object value) {
    Map<String, Object> ext = new LinkedHashMap<>(extensions);
    ext.put(name, value);
    return new Problem(status, type, title, detail, field, ext);
  }

  public String toJson() {
    JsonObjectBuilder b =
        JsonFactory.JSON.createObjectBuilder()
            .add("type", type)
            .add("title", title)
            .add("status", status);
    if (detail != null) {
      b.add("detail", detail);
    }
    if (field != null) {
      b.add("field", field);
    }
    extensions.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            b.add(k, n.longValue());
          } else if (v instanceof Boolean bool) {
            b.add(k, bool);
          } else {
            b.add(k, String.valueOf(v));
          }
        });
    return b.build().toString();
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
  }
}
