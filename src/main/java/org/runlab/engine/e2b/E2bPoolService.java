package org.runlab.engine.e2b;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.quota.BudgetLevelChanged;

/**
 * Runs the pool's reaper every five seconds, holds the warm pool at its minimum while the budget
 * guard says so, and kills all our sandboxes on undeploy (container only).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class E2bPoolService {
  private static final Logger LOG = Logger.getLogger(E2bPoolService.class.getName());
  @Inject E2bProducer e2b;

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void reap() {
    if (e2b.settings().configured() && e2b.engine().availability().available()) {
      try {
        e2b.pool().reap();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "E2B reaper failed; next round in 5 s", e);
      }
    }
  }

  /** From 90% of the month's budget on, the warm pool shrinks to its minimum. */
  public void onBudget(@Observes BudgetLevelChanged change) {
    if (e2b.settings().configured()) {
      e2b.pool().holdAtMinimum(change.to().shrinkWarmPool());
    }
  }

  @PreDestroy
  void killAll() {
    if (e2b.settings().configured()) {
      e2b.pool().killAll();
    }
  }
}
