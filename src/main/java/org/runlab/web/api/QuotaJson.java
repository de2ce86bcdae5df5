package org.runlab.web.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.runlab.platform.JsonFactory;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaWindow;

/** A decision as the run API's {@code quota} member: each window, and the warning the page shows. */
public final class QuotaJson {
  private QuotaJson() {}

  public static JsonObject of(QuotaDecision d) {
    JsonObjectBuilder b = JsonFactory.JSON.createObjectBuilder().add("tier", d.tier().name());
    for (QuotaWindow w : d.windows()) {
      b.add(w.name(), JsonFactory.JSON.createObjectBuilder().add("quota", w.quota()).add("remaining", w.remaining())
          .add("resetSeconds", w.resetSeconds()));
    }
    d.warning().ifPresent(w -> b.add("warning", w));
    return b.build();
  }
}
