package org.runlab.engine.selection;

import java.util.Objects;
import org.runlab.engine.EngineId;

/**
 * Who runs and what the server can offer right now: the selector's inputs beside the code.
 *
 * @param tier "ANONYMOUS", "FREE" or "PAID"
 * @param tierAllowsE2b whether the tier may run on E2B
 * @param tierAllowsChoice whether the tier may pick local or E2B itself
 * @param requestedEngine "auto", "browser", "local" or "e2b"
 * @param e2bUnavailableReason why E2B is down (for operators; learners are told only that it is), or null
 * @param earlierBrowserTimeouts this learner's earlier browser runs of this lesson that hit the
 *     browser's time limit
 * @param localInstalls whether the local engine can install this learner's requirements (their
 *     tier may install packages and the operator configured a wheelhouse), so a requirements.txt
 *     need not prefer E2B
 */
public record SelectionContext(
    String tier,
    boolean tierAllowsE2b,
    boolean tierAllowsChoice,
    String requestedEngine,
    boolean localAvailable,
    boolean e2bAvailable,
    String e2bUnavailableReason,
    BudgetStage budgetStage,
    int earlierBrowserTimeouts,
    boolean localInstalls) {

  public static final String AUTO = "auto";

  /** A context in which the local engine installs no requirements. */
  public SelectionContext(String tier, boolean tierAllowsE2b, boolean tierAllowsChoice, String requestedEngine,
      boolean localAvailable, boolean e2bAvailable, String e2bUnavailableReason, BudgetStage budgetStage,
      int earlierBrowserTimeouts) {
    this(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine, localAvailable, e2bAvailable,
        e2bUnavailableReason, budgetStage, earlierBrowserTimeouts, false);
  }

  public SelectionContext {
    Objects.requireNonNull(tier, "tier");
    requestedEngine = requestedEngine == null || requestedEngine.isBlank()
        ? AUTO : requestedEngine.strip().toLowerCase(java.util.Locale.ROOT);
    budgetStage = budgetStage == null ? BudgetStage.NORMAL : budgetStage;
  }

  /** A FREE learner without E2B or choice, asking for nothing, both server engines up. */
  public static SelectionContext free() {
    return new SelectionContext("FREE", false, false, AUTO, true, true, null, BudgetStage.NORMAL,
        0);
  }

  /** A PAID learner with E2B and choice, both server engines up. */
  public static SelectionContext paid() {
    return new SelectionContext("PAID", true, true, AUTO, true, true, null, BudgetStage.NORMAL, 0);
  }

  public SelectionContext withRequested(String engine) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, engine, localAvailable,
        e2bAvailable, e2bUnavailableReason, budgetStage, earlierBrowserTimeouts, localInstalls);
  }

  public SelectionContext withLocalAvailable(boolean up) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine, up,
        e2bAvailable, e2bUnavailableReason, budgetStage, earlierBrowserTimeouts, localInstalls);
  }

  public SelectionContext withE2bAvailable(boolean up, String reason) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine,
        localAvailable, up, up ? null : reason, budgetStage, earlierBrowserTimeouts, localInstalls);
  }

  public SelectionContext withE2bDown(String reason) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine,
        localAvailable, false, reason, budgetStage, earlierBrowserTimeouts, localInstalls);
  }

  /** This context with {@code engine} down, for {@code reason} (a phrase completing "because ..."). */
  public SelectionContext withDown(EngineId engine, String reason) {
    return switch (engine) {
      case LOCAL -> withLocalAvailable(false);
      case E2B -> withE2bDown(reason);
      case BROWSER -> this;
    };
  }

  public SelectionContext withBudgetStage(BudgetStage stage) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine,
        localAvailable, e2bAvailable, e2bUnavailableReason, stage, earlierBrowserTimeouts, localInstalls);
  }

  public SelectionContext withLocalInstalls(boolean installs) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine,
        localAvailable, e2bAvailable, e2bUnavailableReason, budgetStage, earlierBrowserTimeouts, installs);
  }

  public SelectionContext withEarlierBrowserTimeouts(int count) {
    return new SelectionContext(tier, tierAllowsE2b, tierAllowsChoice, requestedEngine,
        localAvailable, e2bAvailable, e2bUnavailableReason, budgetStage, count, localInstalls);
  }
}
