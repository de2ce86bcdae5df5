package org.runlab.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import org.runlab.engine.e2b.E2bAlert;

/** Alerts for admins: logged, and the latest kept for the dashboard. */
@ApplicationScoped
public class AdminAlerts {
  private static final Logger LOG = Logger.getLogger(AdminAlerts.class.getName());
  private static final int KEEP = 50;

  /** One alert as the dashboard lists it. */
  public record Alert(Instant at, String source, String message) {
    public String getAt() {
      return at.toString();
    }

    public String getSource() {
      return source;
    }

    public String getMessage() {
      return message;
    }
  }

  private final Deque<Alert> latest = new ArrayDeque<>();

  void onE2bAlert(@Observes E2bAlert alert) {
    raise("E2B", alert.message());
  }

  public synchronized void raise(String source, String message) {
    LOG.severe("ADMIN ALERT [" + source + "] " + message);
    latest.addFirst(new Alert(Instant.now(), source, message));
    while (latest.size() > KEEP) {
      latest.removeLast();
    }
  }

  public synchronized List<Alert> latest() {
    return new ArrayList<>(latest);
  }
}
