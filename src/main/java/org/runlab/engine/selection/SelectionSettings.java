package org.runlab.engine.selection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.runlab.engine.EngineId;

/**
 * Every tunable of engine selection, from {@code runlab.selection.*} and
 * {@code runlab.pyodide.package-base-url} and {@code runlab.pyodide.package-dir}.
 *
 * @param packageBaseUrl where the browser loads Pyodide packages (wheels) from, see {@link
 *     BrowserPackages}; empty means none, so only the standard library counts as available there
 * @param browserMaxFiles more Python files than this run on a server
 * @param browserMaxBytes a project larger than this (UTF-8 bytes, all files) runs on a server
 * @param browserMaxSleepSeconds more total {@code time.sleep} than this runs on a server
 * @param endlessSleepNeedsServer whether a sleep inside an endless loop sends the run to a server
 * @param hugeLoopNeedsServer whether a literal range of 10^8 or more sends the run to a server
 * @param browserTimeoutsBeforeServer after this many browser time-outs of one learner in one
 *     lesson, runs go to a server (0 = never)
 * @param serverFeatures features the browser cannot provide
 * @param unresolvedDynamicImportNeedsServer whether an import by computed name sends the run to
 *     a server
 * @param syntaxErrorsRunInBrowser whether code that does not tokenize runs in the browser,
 *     which shows the same syntax error for free
 * @param requirementsPreferE2b whether a requirements.txt prefers E2B (it can pip install)
 * @param serverEngineByTier "local" or "e2b" per tier name, when the code needs a server
 * @param e2bEnabled the operator's switch for E2B
 */
public record SelectionSettings(
    String packageBaseUrl,
    int browserMaxFiles,
    long browserMaxBytes,
    double browserMaxSleepSeconds,
    boolean endlessSleepNeedsServer,
    boolean hugeLoopNeedsServer,
    int browserTimeoutsBeforeServer,
    Set<Feature> serverFeatures,
    boolean unresolvedDynamicImportNeedsServer,
    boolean syntaxErrorsRunInBrowser,
    boolean requirementsPreferE2b,
    Map<String, EngineId> serverEngineByTier,
    boolean e2bEnabled) {

  public static final String PREFIX = "runlab.selection.";
  public static final String PACKAGE_BASE_URL = BrowserPackages.BASE_URL;

  public SelectionSettings {
    packageBaseUrl = packageBaseUrl == null ? "" : packageBaseUrl.strip();
    serverFeatures = Set.copyOf(serverFeatures);
    serverEngineByTier = Map.copyOf(serverEngineByTier);
  }

  public static SelectionSettings from(Config c) {
    return new SelectionSettings(
        BrowserPackages.from(c).wheelsUrl(""),
        c.getValue(PREFIX + "browser-max-files", Integer.class),
        c.getValue(PREFIX + "browser-max-bytes", Long.class),
        c.getValue(PREFIX + "browser-max-sleep-seconds", Double.class),
        c.getValue(PREFIX + "endless-sleep-needs-server", Boolean.class),
        c.getValue(PREFIX + "huge-loop-needs-server", Boolean.class),
        c.getValue(PREFIX + "browser-timeouts-before-server", Integer.class),
        features(c.getOptionalValue(PREFIX + "server-features", String.class).orElse("")),
        c.getValue(PREFIX + "unresolved-dynamic-import-needs-server", Boolean.class),
        c.getValue(PREFIX + "syntax-errors-run-in-browser", Boolean.class),
        c.getValue(PREFIX + "requirements-prefer-e2b", Boolean.class),
        Map.of(
            "ANONYMOUS", engine(c, "server-engine.anonymous"),
            "FREE", engine(c, "server-engine.free"),
            "PAID", engine(c, "server-engine.paid")),
        c.getValue(PREFIX + "e2b-enabled", Boolean.class));
  }

  private static EngineId engine(Config c, String key) {
    String name = c.getValue(PREFIX + key, String.class).strip();
    return EngineId.of(name).filter(EngineId::onServer).orElseThrow(() -> new IllegalArgumentException(
        PREFIX + key + " must be local or e2b, not '" + name + "'"));
  }

  /** Whether the browser may load packages from the Pyodide lock file. */
  public boolean browserHasPackages() {
    return !packageBaseUrl.isEmpty();
  }

  /** The server engine a tier's runs go to by default. */
  public EngineId serverEngineFor(String tier) {
    return serverEngineByTier.getOrDefault(tier.toUpperCase(Locale.ROOT), EngineId.LOCAL);
  }

  public SelectionSettings withPackageBaseUrl(String url) {
    return new SelectionSettings(url, browserMaxFiles, browserMaxBytes, browserMaxSleepSeconds,
        endlessSleepNeedsServer, hugeLoopNeedsServer, browserTimeoutsBeforeServer, serverFeatures,
        unresolvedDynamicImportNeedsServer, syntaxErrorsRunInBrowser, requirementsPreferE2b,
        serverEngineByTier, e2bEnabled);
  }

  public SelectionSettings withE2bEnabled(boolean enabled) {
    return new SelectionSettings(packageBaseUrl, browserMaxFiles, browserMaxBytes,
        browserMaxSleepSeconds, endlessSleepNeedsServer, hugeLoopNeedsServer,
        browserTimeoutsBeforeServer, serverFeatures, unresolvedDynamicImportNeedsServer,
        syntaxErrorsRunInBrowser, requirementsPreferE2b, serverEngineByTier, enabled);
  }

  private static Set<Feature> features(String csv) {
    Set<Feature> set = EnumSet.noneOf(Feature.class);
    set.addAll(Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> Feature.valueOf(s.toUpperCase(Locale.ROOT)))
        .collect(Collectors.toSet()));
    return set;
  }
}
