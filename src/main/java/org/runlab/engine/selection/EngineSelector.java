package org.runlab.engine.selection;

import java.util.ArrayList;
import java.util.List;
import org.runlab.engine.EngineId;

/**
 * Decides where a profiled program runs. Rules, in order: abuse is refused; code that does not
 * tokenize runs in the browser (which shows the same syntax error for free); requirements,
 * unsupported imports or features, file count, size and expected long runtime send it to a
 * server; then the learner's choice where the tier allows it; then local or E2B by tier,
 * configuration, budget stage and availability. Thread-safe.
 */
public final class EngineSelector {
  private final SelectionSettings settings;
  private final ServerNeeds serverNeeds;

  public EngineSelector(PyodideCatalog catalog, SelectionSettings settings) {
    this.settings = settings;
    this.serverNeeds = new ServerNeeds(catalog, settings);
  }

  public Decision decide(CodeProfile profile, SelectionContext ctx) {
    if (!profile.abuseSignals().isEmpty()) {
      return Decision.nowhere(List.of(new Reason(ReasonCode.ABUSE,
          "This program was not run: it looks like crypto-mining or a fork bomb ("
              + String.join("; ", profile.abuseSignals()) + ").")));
    }
    if (!profile.tokenizes() && settings.syntaxErrorsRunInBrowser()) {
      return new Decision(EngineId.BROWSER, List.of(new Reason(ReasonCode.SYNTAX_ERROR,
          "Your code has a syntax error (" + profile.syntaxProblems().get(0) + "); it runs in"
              + " your browser, which shows you the error at once.")));
    }
    List<Reason> reasons = new ArrayList<>(serverNeeds.of(profile, ctx));
    EngineId requested = EngineId.of(ctx.requestedEngine()).orElse(null);
    boolean wantsServer = requested != null && requested.onServer();
    if (reasons.isEmpty()) {
      if (requested == EngineId.BROWSER) {
        return new Decision(EngineId.BROWSER, List.of(new Reason(ReasonCode.LEARNER_CHOICE,
            "You chose to run in your browser.")));
      }
      Reason inBrowser = new Reason(ReasonCode.DEFAULT_BROWSER,
          "Your program runs in your browser: free and immediate.");
      if (!wantsServer) {
        return new Decision(EngineId.BROWSER, List.of(inBrowser));
      }
      if (!ctx.tierAllowsChoice()) {
        return new Decision(EngineId.BROWSER, List.of(inBrowser, notAllowed()));
      }
      List<Reason> chosen = new ArrayList<>(List.of(choice(requested)));
      Decision server = server(requested, ctx, chosen);
      if (server.refused()) {
        List<Reason> fallback = new ArrayList<>(List.of(inBrowser));
        fallback.addAll(server.reasons());
        return new Decision(EngineId.BROWSER, fallback);
      }
      return server;
    }
    // Requirements prefer E2B, which installs from the package index, unless the local engine
    // installs this learner's from the operator's wheelhouse.
    EngineId preferred = settings.requirementsPreferE2b() && !profile.requirements().isEmpty()
        && !ctx.localInstalls() ? EngineId.E2B : settings.serverEngineFor(ctx.tier());
    if (requested == EngineId.BROWSER) {
      reasons.add(new Reason(ReasonCode.LEARNER_CHOICE,
          "You chose your browser, but it cannot run this program."));
    } else if (wantsServer && ctx.tierAllowsChoice()) {
      reasons.add(choice(requested));
      preferred = requested;
    } else if (wantsServer) {
      reasons.add(notAllowed());
    }
    return server(preferred, ctx, reasons);
  }

  /** Local or E2B for a run that goes to a server, or NONE when neither can take it. */
  private Decision server(EngineId preferred, SelectionContext ctx, List<Reason> reasons) {
    Reason e2bBlocked = e2bBlocked(ctx);
    if (preferred == EngineId.E2B) {
      if (e2bBlocked == null) {
        if (ctx.budgetStage() == BudgetStage.PREFER_LOCAL) {
          reasons.add(localUnavailable()); // the budget would have preferred local
        }
        return new Decision(EngineId.E2B, reasons);
      }
      reasons.add(e2bBlocked);
      if (ctx.localAvailable()) {
        return new Decision(EngineId.LOCAL, reasons);
      }
      reasons.add(localUnavailable());
      return noServer(reasons);
    }
    if (ctx.localAvailable()) {
      return new Decision(EngineId.LOCAL, reasons);
    }
    reasons.add(localUnavailable());
    if (e2bBlocked == null) {
      return new Decision(EngineId.E2B, reasons);
    }
    reasons.add(e2bBlocked);
    return noServer(reasons);
  }

  /** Why E2B may not take this run, or null when it may. */
  private Reason e2bBlocked(SelectionContext ctx) {
    if (!settings.e2bEnabled()) {
      return new Reason(ReasonCode.E2B_UNAVAILABLE, "The cloud sandbox is switched off.");
    }
    if (!ctx.tierAllowsE2b()) {
      return new Reason(ReasonCode.TIER_NO_E2B, "Your plan does not include the cloud sandbox.");
    }
    boolean paid = ctx.tier().equalsIgnoreCase("PAID");
    switch (ctx.budgetStage()) {
      case NO_E2B -> {
        return new Reason(ReasonCode.BUDGET,
            "The cloud sandbox is paused for the rest of this month's budget.");
      }
      case PAID_ONLY -> {
        if (!paid) {
          return new Reason(ReasonCode.BUDGET,
              "For the rest of this month the cloud sandbox is kept for paid plans.");
        }
      }
      case PREFER_LOCAL -> {
        if (ctx.localAvailable()) {
          return new Reason(ReasonCode.BUDGET,
              "To stay within this month's budget, Runlab's own sandbox is used instead of the"
                  + " cloud sandbox.");
        }
      }
      default -> { }
    }
    if (!ctx.e2bAvailable()) {
      // Why it is down (a missing key, a rejected one) is for operators: health and the log say it.
      return new Reason(ReasonCode.E2B_UNAVAILABLE, "The cloud sandbox is not available right now.");
    }
    return null;
  }

  private static Decision noServer(List<Reason> reasons) {
    List<Reason> all = new ArrayList<>();
    all.add(new Reason(ReasonCode.NO_SERVER,
        "No server sandbox can take this run right now; please try again in a minute."));
    all.addAll(reasons);
    return Decision.nowhere(all);
  }

  private static Reason localUnavailable() {
    return new Reason(ReasonCode.LOCAL_UNAVAILABLE,
        "Runlab's own sandbox cannot take runs right now.");
  }

  private static Reason choice(EngineId engine) {
    return new Reason(ReasonCode.LEARNER_CHOICE, "You chose to run on "
        + (engine == EngineId.E2B ? "the cloud sandbox." : "Runlab's own sandbox."));
  }

  private static Reason notAllowed() {
    return new Reason(ReasonCode.CHOICE_NOT_ALLOWED,
        "Your plan does not let you choose where code runs, so Runlab chose for you.");
  }
}
