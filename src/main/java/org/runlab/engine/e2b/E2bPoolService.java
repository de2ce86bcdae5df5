package org.runlab.engine.e2b;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.engine.selection.BudgetStageChanged;
import org.runlab.platform.background.Background;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.InstanceBeats;

/**
 * Runs the pool's reaper every five seconds, holds the warm pool at its minimum while the budget
 * guard says so, and kills all our sandboxes on undeploy (container only).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class E2bPoolService {
  private static final Logger LOG = Logger.getLogger(E2bPoolService.class.getName());
  /** An instance that has not beaten for this long is dead: its sandboxes are orphans. */
  static final Duration STALE = Duration.ofSeconds(60);
  /**
   * The cluster-wide part of the reaper (other instances' orphans) runs on one member: the others
   * sweep only their own sandboxes.
   */
  static final String ORPHAN_REAPER = "e2b-orphan-reaper";

  @Inject E2bProducer e2b;
  @Inject ClusterMaps cluster;
  @Inject Background background;
  private volatile InstanceBeats beats;

  /** Every five seconds: beat, kill idle, over-age and orphaned sandboxes, top the warm pool up. */
  void reap() {
    if (e2b.settings().configured() && e2b.engine().availability().available()) {
      try {
        beatSafely();
        e2b.pool().reap();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "E2B reaper failed; next round in 5 s", e);
      }
    }
  }

  /** Beats as soon as the application starts, before it creates any sandbox. */
  @PostConstruct
  void started() {
    if (e2b.settings().configured()) {
      beatSafely();
    }
    background.every("e2b-reaper", Duration.ofSeconds(5), this::reap);
  }

  private void beatSafely() {
    try {
      beat();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not tell the cluster this instance is alive; next beat in 5 s", e);
    }
  }

  /**
   * Tells the cluster this instance is alive, and (once) gives the pool's orphan reaper the set of
   * live instances, so it may kill sandboxes left by instances that are gone. Where the set cannot
   * be read, the reaper spares other instances' sandboxes.
   */
  private void beat() {
    if (!cluster.clustered()) {
      return;
    }
    if (beats == null) {
      InstanceBeats b = new InstanceBeats(cluster.map(InstanceBeats.MAP, Duration.ofDays(1)), InstantSource.system(),
          STALE);
      beats = b;
      e2b.pool().reapsOthersOrphans(() -> background.leads(ORPHAN_REAPER, STALE));
      e2b.pool().liveInstances(() -> {
        try {
          return b.live();
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "Live instances unknown; other instances' sandboxes are spared", e);
          return null;
        }
      });
    }
    beats.beat(e2b.settings().instance());
  }

  /** While the budget keeps E2B from some tiers, the warm pool shrinks to its minimum. */
  public void onBudget(@Observes BudgetStageChanged change) {
    if (e2b.settings().configured()) {
      e2b.pool().holdAtMinimum(change.to() != BudgetStage.NORMAL);
    }
  }

  @PreDestroy
  void killAll() {
    if (e2b.settings().configured()) {
      e2b.pool().killAll();
    }
  }
}
