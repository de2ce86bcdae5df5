package org.runlab.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;
import org.runlab.platform.cluster.InstanceName;
import org.runlab.quota.QuotaService;

/**
 * Which instance runs which server run, and the end of runs whose instance died. Every instance
 * beats every {@value #BEAT_SECONDS} s into the database ({@code instance_beat}, by the database's
 * clock); one silent for {@value #DEAD_AFTER_SECONDS} s is dead. Every {@value #BEAT_SECONDS} s
 * each instance ends the ledger's unfinished runs of dead instances as ENGINE_ERROR (a
 * conditional update: one member wins each run) and gives their concurrency slots back, so a
 * learner's slot returns within about {@value #DEAD_AFTER_SECONDS} + {@value #BEAT_SECONDS} s of a
 * kill -9, found by the members that live on or, when none does, at the next start. An instance
 * restarted under the same configured name ends its own earlier runs at its first sweep.
 *
 * <p>The beats live in the database, not in the cluster's shared memory: they outlive every
 * member dying, and the ledger they judge is there too.
 */
@ApplicationScoped
public class RunInstances {
  private static final Logger LOG = Logger.getLogger(RunInstances.class.getName());
  static final int BEAT_SECONDS = 5;
  static final int DEAD_AFTER_SECONDS = 20;
  static final String WHY = "The Runlab server running this program stopped before it finished.";

  @Inject private AppConfig config;
  @Inject private Background background;
  @Inject private RunLedger ledger;
  @Inject private QuotaService quota;

  private String name;
  private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    beat();
    background.every("run-instances", Duration.ofSeconds(BEAT_SECONDS), () -> {
      beat();
      endOrphans();
    });
  }

  /** This instance's name, as the E2B sandboxes it starts are tagged ({@code runlab.e2b.instance}). */
  public synchronized String name() {
    if (name == null) {
      name = InstanceName.of(config.get().getOptionalValue("runlab.e2b.instance", String.class).orElse("auto"));
    }
    return name;
  }

  private void beat() {
    try {
      ledger.beat(name());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record that this instance is alive; next beat in " + BEAT_SECONDS + " s: " + e);
    }
  }

  /** Ends the unfinished runs of dead instances, and this one's own from before its start. */
  void endOrphans() {
    int ended = 0;
    for (RunLedger.Unfinished run : ledger.orphans(name(), started, Duration.ofSeconds(DEAD_AFTER_SECONDS))) {
      if (!ledger.endOrphan(run.id(), WHY)) {
        continue; // it ended meanwhile, or another member ended it
      }
      ended++;
      try {
        quota.endedOrphan(run.ownerKey(), run.id().toString());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not give back the concurrency slot of orphaned run " + run.id()
            + "; it lapses with its lease", e);
      }
      LOG.warning("Run " + run.id() + " of instance " + run.instance() + ", which is gone, ended as ENGINE_ERROR");
    }
    if (ended > 0) {
      LOG.warning("Ended " + ended + " runs orphaned by instances that stopped");
    }
  }
}
