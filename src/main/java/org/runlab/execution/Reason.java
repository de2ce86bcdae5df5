package org.runlab.execution;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.runlab.platform.JsonFactory;

/** Why a run goes where it goes: a machine code and a sentence for the learner. */
public record Reason(String code, String text) {
  static String toJson(List<Reason> reasons) {
    return array(reasons).toString();
  }

  static JsonArray array(List<Reason> reasons) {
    JsonArrayBuilder b = JsonFactory.JSON.createArrayBuilder();
    reasons.forEach(r -> b.add(JsonFactory.JSON.createObjectBuilder().add("code", r.code()).add("text", r.text())));
    return b.build();
  }

  static List<Reason> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try (var reader = JsonFactory.JSON.createReader(new StringReader(json))) {
      return reader.readArray().getValuesAs(JsonObject.class).stream()
          .map(o -> new Reason(o.getString("code", ""), o.getString("text", "")))
          .toList();
    }
  }
}
