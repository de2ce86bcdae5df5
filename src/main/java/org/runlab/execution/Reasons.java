package org.runlab.execution;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.runlab.engine.selection.Reason;
import org.runlab.engine.selection.ReasonCode;
import org.runlab.platform.JsonFactory;

/** Selection reasons as the ledger stores them and the API shows them: {@code [{"code","text"}]}. */
final class Reasons {
  private Reasons() {}

  static String toJson(List<Reason> reasons) {
    return array(reasons).toString();
  }

  static JsonArray array(List<Reason> reasons) {
    JsonArrayBuilder b = JsonFactory.JSON.createArrayBuilder();
    reasons.forEach(r -> b.add(JsonFactory.JSON.createObjectBuilder().add("code", r.code().name()).add("text", r.text())));
    return b.build();
  }

  /** The reasons stored in the ledger; a code this version does not know is left out. */
  static List<Reason> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try (var reader = JsonFactory.JSON.createReader(new StringReader(json))) {
      return reader.readArray().getValuesAs(JsonObject.class).stream()
          .map(o -> code(o.getString("code", "")).map(c -> new Reason(c, o.getString("text", ""))))
          .flatMap(Optional::stream)
          .toList();
    }
  }

  private static Optional<ReasonCode> code(String name) {
    try {
      return Optional.of(ReasonCode.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
