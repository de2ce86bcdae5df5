package org.runlab.platform.alert;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** Where alerts go besides the log and the console: {@code runlab.alerts.webhook-url}, if set. */
public record AlertSettings(Optional<String> webhookUrl) {
  public static AlertSettings from(Config c) {
    return new AlertSettings(c.getOptionalValue("runlab.alerts.webhook-url", String.class)
        .map(String::trim).filter(u -> !u.isEmpty()));
  }
}
