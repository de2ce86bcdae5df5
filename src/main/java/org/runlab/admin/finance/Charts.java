package org.runlab.admin.finance;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.runlab.platform.JsonFactory;
import org.runlab.reports.DailySpend;

/** Chart.js configurations (what PrimeFaces' p:chart takes) for spend per day. */
final class Charts {
  private static final String[] COLOURS = {"#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b"};

  private Charts() {}

  /** A stacked bar chart of each day's spend, one series per key of {@code series}. */
  static String stacked(List<DailySpend.Day> days, Function<DailySpend.Day, Map<String, BigDecimal>> series) {
    Set<String> keys = new LinkedHashSet<>();
    days.forEach(d -> keys.addAll(series.apply(d).keySet()));
    JsonArrayBuilder labels = JsonFactory.JSON.createArrayBuilder();
    days.forEach(d -> labels.add(d.day().toString().substring(5)));
    JsonArrayBuilder datasets = JsonFactory.JSON.createArrayBuilder();
    int i = 0;
    for (String key : keys) {
      JsonArrayBuilder data = JsonFactory.JSON.createArrayBuilder();
      for (DailySpend.Day d : days) {
        data.add(Money.cents(series.apply(d).getOrDefault(key, BigDecimal.ZERO)));
      }
      datasets.add(JsonFactory.JSON.createObjectBuilder().add("label", key).add("data", data)
          .add("backgroundColor", COLOURS[i++ % COLOURS.length]));
    }
    JsonObjectBuilder stackedAxis = JsonFactory.JSON.createObjectBuilder().add("stacked", true);
    return JsonFactory.JSON.createObjectBuilder().add("type", "bar")
        .add("data", JsonFactory.JSON.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add("options", JsonFactory.JSON.createObjectBuilder()
            .add("responsive", true)
            .add("scales", JsonFactory.JSON.createObjectBuilder().add("x", stackedAxis)
                .add("y", JsonFactory.JSON.createObjectBuilder().add("stacked", true)
                    .add("title", JsonFactory.JSON.createObjectBuilder().add("display", true).add("text", "USD")))))
        .build().toString();
  }
}
