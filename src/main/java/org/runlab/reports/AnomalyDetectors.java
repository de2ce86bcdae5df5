package org.runlab.reports;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import org.runlab.engine.e2b.E2bException;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.platform.AppConfig;

/**
 * The anomaly scan's detectors, in the order the scan runs them for each day. The orphan check
 * asks E2B what runs now, so it runs once per scan, on its last day.
 */
@ApplicationScoped
public class AnomalyDetectors {
  private static final Logger LOG = Logger.getLogger(AnomalyDetectors.class.getName());
  static final int COUNT = 7;

  @Inject AppConfig config;
  @Inject E2bProducer e2b;

  private AnomalySettings settings;

  @PostConstruct
  void init() {
    settings = AnomalySettings.from(config.get());
  }

  /** What detector {@code index} finds on {@code day}; {@code lastDay} is the scan's last. */
  List<Finding> find(int index, Connection c, LocalDate day, boolean lastDay) throws SQLException {
    return switch (index) {
      case 0 -> SpendDetectors.learners(c, day, settings);
      case 1 -> SpendDetectors.hours(c, day, settings);
      case 2 -> UsageDetectors.limitLoops(c, day, settings);
      case 3 -> UsageDetectors.mining(c, day, settings);
      case 4 -> UsageDetectors.accountsPerAddress(c, day, settings);
      case 5 -> SandboxDetectors.idleLeases(c, day, settings);
      case 6 -> lastDay ? orphans(c) : List.of();
      default -> throw new IllegalArgumentException("no detector " + index);
    };
  }

  private List<Finding> orphans(Connection c) throws SQLException {
    if (!e2b.settings().configured()) {
      return List.of();
    }
    try {
      return SandboxDetectors.orphans(c, LocalDate.now(ZoneOffset.UTC), e2b.installationSandboxes(), Instant.now(),
          settings);
    } catch (E2bException e) {
      LOG.warning("Anomaly scan: could not list E2B's sandboxes, so orphans were not looked for: " + e.getMessage());
      return List.of();
    }
  }
}
