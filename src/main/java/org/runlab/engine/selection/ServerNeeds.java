package org.runlab.engine.selection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that keep a program out of the browser, in order: requirements, unsupported imports
 * and features, too many files, size, expected long runtime. Each rule that holds gives a reason.
 */
final class ServerNeeds {
  private final PyodideCatalog catalog;
  private final SelectionSettings settings;

  ServerNeeds(PyodideCatalog catalog, SelectionSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  List<Reason> of(CodeProfile p, SelectionContext ctx) {
    List<Reason> reasons = new ArrayList<>();
    if (!p.requirements().isEmpty()) {
      reasons.add(new Reason(ReasonCode.REQUIREMENTS, "Your project lists packages to install in"
          + " requirements.txt (" + String.join(", ", p.requirements()) + "), which needs a"
          + " server sandbox."));
    }
    importsAndFeatures(p, reasons);
    if (p.pythonFileCount() > settings.browserMaxFiles()) {
      reasons.add(new Reason(ReasonCode.MULTI_FILE, "Your project has " + p.pythonFileCount()
          + " Python files; projects with more than " + settings.browserMaxFiles()
          + " run on a server sandbox."));
    }
    if (p.sizeBytes() > settings.browserMaxBytes()) {
      reasons.add(new Reason(ReasonCode.SIZE, "Your project is " + kib(p.sizeBytes())
          + " KiB; projects over " + kib(settings.browserMaxBytes())
          + " KiB run on a server sandbox."));
    }
    longRuntime(p, ctx, reasons);
    return reasons;
  }

  private void importsAndFeatures(CodeProfile p, List<Reason> reasons) {
    Set<String> seen = new HashSet<>();
    Set<Feature> told = EnumSet.noneOf(Feature.class);
    for (ImportRecord i : p.imports()) {
      String top = i.topLevel();
      if (p.localModules().contains(i.module()) || !p.externalModules().contains(top)
          || !seen.add(i.module())) {
        continue;
      }
      Feature f = Features.ofModule(i.module());
      Optional<String> limitation = catalog.browserLimitation(i.module());
      if (f != null && settings.serverFeatures().contains(f)) {
        if (told.add(f)) {
          reasons.add(new Reason(ReasonCode.of(f), "Your program uses " + i.module() + ": it "
              + limitation.orElse(f.plainWords() + ", which needs a server sandbox") + "."));
        }
      } else if (limitation.isPresent()) {
        reasons.add(new Reason(ReasonCode.UNSUPPORTED_IMPORT,
            "Your program uses " + i.module() + ": it " + limitation.get() + "."));
      } else if (!availableInBrowser(top) && seen.add(top + " (top)")) {
        reasons.add(new Reason(ReasonCode.UNSUPPORTED_IMPORT,
            "Your program uses " + top + ", which is not available in your browser."));
      }
    }
    for (Feature f : p.features()) {
      if (settings.serverFeatures().contains(f) && told.add(f)) {
        reasons.add(new Reason(ReasonCode.of(f),
            "Your program " + f.plainWords() + ", which needs a server sandbox."));
      }
    }
    if (p.unresolvedDynamicImport() && settings.unresolvedDynamicImportNeedsServer()) {
      reasons.add(new Reason(ReasonCode.DYNAMIC_IMPORT, "Your program imports a module whose name"
          + " is only known when it runs, so it runs on a server sandbox."));
    }
  }

  private boolean availableInBrowser(String top) {
    if (catalog.isBrowserOnly(top)) {
      return true;
    }
    boolean packaged = catalog.packageFor(top).isPresent();
    if (catalog.isStandardModule(top) && !packaged) {
      return true;
    }
    return packaged && settings.browserHasPackages();
  }

  private void longRuntime(CodeProfile p, SelectionContext ctx, List<Reason> reasons) {
    int timeouts = settings.browserTimeoutsBeforeServer();
    String text = null;
    if (timeouts > 0 && ctx.earlierBrowserTimeouts() >= timeouts) {
      text = "Your last " + ctx.earlierBrowserTimeouts() + " runs of this lesson in your browser"
          + " hit its time limit, so this one runs on a server sandbox.";
    } else if (p.sleepSeconds() > settings.browserMaxSleepSeconds()) {
      text = "Your program waits (time.sleep) about " + Math.round(p.sleepSeconds())
          + " seconds in total; long waits run on a server sandbox.";
    } else if (p.sleepInUnboundedLoop() && settings.endlessSleepNeedsServer()) {
      text = "Your program sleeps inside a loop that may never end; it runs on a server sandbox,"
          + " where it can be stopped cleanly.";
    } else if (p.hugeLoop() && settings.hugeLoopNeedsServer()) {
      text = "Your program loops over a hundred million numbers or more; it runs on a server"
          + " sandbox, where it can be stopped cleanly.";
    }
    if (text != null) {
      reasons.add(new Reason(ReasonCode.LONG_RUNTIME, text));
    }
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
