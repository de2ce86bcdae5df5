package org.runlab.platform.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.runlab.platform.AppConfig;

/**
 * Where alerts go: the log, the admin dashboard (stored, newest first), and the operator's
 * webhook ({@code runlab.alerts.webhook-url}) when set. Each alert is told once per cluster.
 */
@ApplicationScoped
public class AlertSink {
  private static final Logger LOG = Logger.getLogger(AlertSink.class.getName());

  @Inject private AlertStore store;

  @Inject private AppConfig config;

  private volatile WebhookPoster webhook;

  /** Raises an alert unless one with {@code dedupeKey} was raised already (here or on another member). */
  public void raise(String kind, String dedupeKey, String message) {
    try {
      store.store(dedupeKey, kind, message);
    } catch (RuntimeException alreadyRaised) {
      return;
    }
    LOG.warning("ALERT " + kind + ": " + message);
    if (webhook == null) {
      webhook = AlertSettings.from(config.get()).webhookUrl().map(WebhookPoster::new).orElse(WebhookPoster.NONE);
    }
    webhook.post(kind, message);
  }

  public List<Alert> latest(int max) {
    return store.latest(max);
  }
}
