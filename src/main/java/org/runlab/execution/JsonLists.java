package org.runlab.execution;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import org.runlab.platform.JsonFactory;

/** Small JSON helpers for string lists stored in the ledger. */
final class JsonLists {
  private JsonLists() {}

  static String array(List<String> items) {
    JsonArrayBuilder b = JsonFactory.JSON.createArrayBuilder();
    items.forEach(b::add);
    return b.build().toString();
  }

  static List<String> strings(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try (var reader = JsonFactory.JSON.createReader(new StringReader(json))) {
      return reader.readArray().getValuesAs(JsonString.class).stream()
          .map(JsonString::getString)
          .toList();
    }
  }
}
