package org.runlab.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.runlab.budget.BudgetPolicy;
import org.runlab.engine.Availability;
import org.runlab.engine.EngineId;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.engine.selection.Decision;
import org.runlab.engine.selection.SelectionContext;
import org.runlab.engine.selection.SelectionService;

/**
 * The one failover policy: when an engine could not run a program at all (nothing of it reached
 * the learner), selection is asked again, with that engine down for the reason it gave and the
 * engines and budget stage as they are now. So a run moves only to an engine the learner's tier
 * may use and the budget allows; where selection finds none, the run ends as the engine error it
 * was.
 */
@ApplicationScoped
public class Failover {
  /** Selection's decision for some files in a context. */
  interface Decide {
    Decision decide(List<ProjectFile> files, String entry, SelectionContext context);
  }

  private Decide selection;
  private Function<EngineId, Availability> availability;
  private Supplier<BudgetStage> budgetStage;

  protected Failover() {}

  @Inject
  Failover(SelectionService selection, EngineRegistry engines, BudgetPolicy budget) {
    this(selection::decide, engines::availability, budget::selectionStage);
  }

  Failover(Decide selection, Function<EngineId, Availability> availability, Supplier<BudgetStage> budgetStage) {
    this.selection = selection;
    this.availability = availability;
    this.budgetStage = budgetStage;
  }

  /**
   * Where {@code run}, whose engine gave {@code failed}, may go instead; empty when it may not
   * (something of it ran, it was cancelled) or nowhere the learner may use can take it.
   */
  Optional<EngineId> elsewhere(LiveRun run, RunResult failed) {
    if (!failed.mayRunElsewhere() || run.cancellation().isCancelled()) {
      return Optional.empty();
    }
    SelectionContext again = now(run.context()).withDown(failed.engine(), failed.failure());
    RunSpec spec = run.spec();
    Decision d = selection.decide(spec.files(), spec.entry(), again);
    if (!d.onServer() || d.engine() == failed.engine()) {
      return Optional.empty();
    }
    return Optional.of(d.engine());
  }

  /**
   * {@code failed} as the learner gets it when it could not move ({@link #elsewhere} was empty):
   * when nothing of it ran, a notice names the engine that is down and when to try again.
   */
  static RunResult stayed(LiveRun run, RunResult failed) {
    if (!failed.mayRunElsewhere() || run.cancellation().isCancelled()) {
      return failed;
    }
    return failed.toBuilder().notice(downName(failed.engine()) + " is not taking runs right now, and no other"
        + " sandbox your plan allows can take this one. Please try again in about a minute.").build();
  }

  private static String downName(EngineId engine) {
    return switch (engine) {
      case E2B -> "The cloud sandbox (E2B)";
      case LOCAL -> "Runlab's own sandbox";
      case BROWSER -> "Your browser";
    };
  }

  /** What the learner is told about the move. */
  static String notice(EngineId to, RunResult failed) {
    return "Your program ran " + to.where() + " because " + failed.failure() + ".";
  }

  /** The run's context with the engines' availability and the budget stage as they are now. */
  private SelectionContext now(SelectionContext admitted) {
    Availability e2b = availability.apply(EngineId.E2B);
    return admitted.withBudgetStage(budgetStage.get())
        .withLocalAvailable(availability.apply(EngineId.LOCAL).available())
        .withE2bAvailable(e2b.available(), e2b.reason());
  }
}
