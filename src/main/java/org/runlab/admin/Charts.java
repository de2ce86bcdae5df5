package org.runlab.admin;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.runlab.platform.JsonFactory;

/** Chart.js configurations for p:chart, as JSON. */
final class Charts {
  private static final String[] COLOURS = {"#2f80ed", "#27ae60", "#eb5757", "#f2994a", "#9b51e0", "#56ccf2",
      "#828282", "#219653", "#bb6bd9", "#f2c94c"};

  private Charts() {}

  /** A stacked bar chart: one bar per label, one stack part per series. */
  static String stackedBars(String title, List<String> labels, Map<String, ? extends Map<String, ? extends Number>> series,
      String yTitle) {
    JsonArrayBuilder datasets = JsonFactory.JSON.createArrayBuilder();
    int i = 0;
    for (Map.Entry<String, ? extends Map<String, ? extends Number>> s : series.entrySet()) {
      JsonArrayBuilder data = JsonFactory.JSON.createArrayBuilder();
      for (String label : labels) {
        Number n = s.getValue().get(label);
        data.add(n == null ? 0 : n.doubleValue());
      }
      datasets.add(JsonFactory.JSON.createObjectBuilder().add("label", s.getKey())
          .add("backgroundColor", COLOURS[i++ % COLOURS.length]).add("data", data));
    }
    JsonArrayBuilder l = JsonFactory.JSON.createArrayBuilder();
    labels.forEach(l::add);
    JsonObjectBuilder axis = JsonFactory.JSON.createObjectBuilder().add("stacked", true);
    JsonObjectBuilder yAxis = JsonFactory.JSON.createObjectBuilder().add("stacked", true).add("beginAtZero", true)
        .add("title", JsonFactory.JSON.createObjectBuilder().add("display", true).add("text", yTitle));
    return JsonFactory.JSON.createObjectBuilder()
        .add("type", "bar")
        .add("data", JsonFactory.JSON.createObjectBuilder().add("labels", l).add("datasets", datasets))
        .add("options", JsonFactory.JSON.createObjectBuilder()
            .add("responsive", true).add("maintainAspectRatio", false).add("animation", false)
            .add("plugins", JsonFactory.JSON.createObjectBuilder()
                .add("title", JsonFactory.JSON.createObjectBuilder().add("display", true).add("text", title)))
            .add("scales", JsonFactory.JSON.createObjectBuilder().add("x", axis).add("y", yAxis)))
        .build().toString();
  }

  /** Every key of the inner maps, in first-seen order. */
  static List<String> innerKeys(Collection<? extends Map<String, ?>> maps) {
    Set<String> keys = new LinkedHashSet<>();
    maps.forEach(m -> keys.addAll(m.keySet()));
    return List.copyOf(keys);
  }
}
