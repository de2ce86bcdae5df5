package org.runlab.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.runlab.engine.e2b.E2bAlert;
import org.runlab.platform.alert.AlertSink;

/** Sends the E2B engine's alerts (a rejected API key, say) where every other alert goes. */
@ApplicationScoped
public class E2bAlertForwarder {
  private final AlertSink alerts;

  @jakarta.inject.Inject
  public E2bAlertForwarder(AlertSink alerts) {
    this.alerts = alerts;
  }

  protected E2bAlertForwarder() {
    this.alerts = null;
  }

  void onE2bAlert(@Observes E2bAlert alert) {
    // The same alert is told at most once an hour across the cluster.
    String hour = Instant.now().truncatedTo(ChronoUnit.HOURS).toString();
    alerts.raise("E2B", "e2b:" + Integer.toHexString(alert.message().hashCode()) + ":" + hour, alert.message());
  }
}
