package org.runlab.execution;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.SharedMap;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Stops runs for operators, on whichever member runs them: an order goes into a shared map every
 * member watches, and each cancels what it runs of it (the member that gives the order at once).
 */
@ApplicationScoped
public class RunStopper {
  private static final Logger LOG = Logger.getLogger(RunStopper.class.getName());
  static final String ORDERS = "runlab-run-stops";
  private static final String RUN = "run:";
  private static final String OWNER = "owner:";

  @Inject private RunPipeline pipeline;
  @Inject private RunSearch search;
  @Inject private AuditLog audit;
  @Inject private ClusterMaps cluster;

  private SharedMap orders;

  @PostConstruct
  void init() {
    orders = cluster.map(ORDERS, Duration.ofMinutes(10));
    cluster.watch(ORDERS, this::carryOut);
  }

  /** Cancels run {@code id} wherever it runs, audited; a finished run is left as it was. */
  public void cancel(UUID id, String actor, String reason) {
    RunRecord r = search.find(id).orElseThrow(() -> InvalidInputException.invalid("run", "There is no run " + id + "."));
    if (r.getState() == RunState.FINISHED || r.getState() == RunState.BROWSER) {
      throw InvalidInputException.invalid("run", "Run " + id + " is not live any more; nothing to cancel.");
    }
    audit.record(actor, "run.cancel", "run " + id, r.getState().name(), "CANCELLED", reason);
    order(RUN + id);
  }

  /** Stops every live run of {@code ownerKey} (an account just disabled) on every member. */
  public void stopRunsOf(String ownerKey) {
    order(OWNER + ownerKey);
  }

  /** The live runs on this member (the console lists them beside the ledger). */
  public List<LiveRun> liveHere() {
    return pipeline.liveRuns();
  }

  public List<LaneState> lanesHere() {
    return pipeline.laneStates();
  }

  private void order(String what) {
    carryOut(what);
    orders.putIfAbsent(UUID.randomUUID().toString(), what);
  }

  private void carryOut(String what) {
    if (what == null) {
      return;
    }
    for (LiveRun run : pipeline.liveRuns()) {
      boolean hit = what.startsWith(RUN) ? what.equals(RUN + run.id()) : what.equals(OWNER + run.ownerKey());
      if (hit) {
        LOG.info("Stopping run " + run.id() + " of " + run.ownerKey() + " (operator's order)");
        pipeline.cancel(run);
      }
    }
  }
}
