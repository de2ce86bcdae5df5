package org.runlab.engine.selection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every tunable of engine selection; {@link #defaults()} matches
 * {@code META-INF/microprofile-config.properties}.
 *
 * @param packageBaseUrl absolute URL the browser loads Pyodide packages (wheels) from; empty
 *     means none, so only the standard library counts as available in the browser
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
    Map<String, String> serverEngineByTier,
    boolean e2bEnabled) {

  public static final String PREFIX = "runlab.selection.";
  public static final String PACKAGE_BASE_URL = "runlab.pyodide.package-base-url";

  public SelectionSettings {
    packageBaseUrl = packageBaseUrl == null ? "" : packageBaseUrl.strip();
    serverFeatures = Set.copyOf(serverFeatures);
    serverEngineByTier = Map.copyOf(serverEngineByTier);
  }

  public static SelectionSettings defaults() {
    return from(key -> Optional.empty());
  }

  /**
   * Reads settings through {@code lookup} (for example {@code k ->
   * config.getOptionalValue(k, String.class)}), falling back to the defaults for missing keys.
   */
  public static SelectionSettings from(Function<String, Optional<String>> lookup) {
    Function<String, String> get = k -> lookup.apply(k).map(String::strip).orElse(null);
    return new SelectionSettings(
        Optional.ofNullable(get.apply(PACKAGE_BASE_URL)).orElse(""),
        Integer.parseInt(or(get, "browser-max-files", "12")),
        Long.parseLong(or(get, "browser-max-bytes", "262144")),
        Double.parseDouble(or(get, "browser-max-sleep-seconds", "5")),
        Boolean.parseBoolean(or(get, "endless-sleep-needs-server", "true")),
        Boolean.parseBoolean(or(get, "huge-loop-needs-server", "true")),
        Integer.parseInt(or(get, "browser-timeouts-before-server", "2")),
        features(or(get, "server-features",
            "THREADS,MULTIPROCESSING,SUBPROCESS,SOCKETS,HTTP_CLIENT,FORK,CTYPES")),
        Boolean.parseBoolean(or(get, "unresolved-dynamic-import-needs-server", "true")),
        Boolean.parseBoolean(or(get, "syntax-errors-run-in-browser", "true")),
        Boolean.parseBoolean(or(get, "requirements-prefer-e2b", "true")),
        Map.of(
            "ANONYMOUS", or(get, "server-engine.anonymous", Decision.LOCAL),
            "FREE", or(get, "server-engine.free", Decision.LOCAL),
            "PAID", or(get, "server-engine.paid", Decision.E2B)),
        Boolean.parseBoolean(or(get, "e2b-enabled", "true")));
  }

  /** Whether the browser may load packages from the Pyodide lock file. */
  public boolean browserHasPackages() {
    return !packageBaseUrl.isEmpty();
  }

  /** The server engine a tier's runs go to by default. */
  public String serverEngineFor(String tier) {
    return serverEngineByTier.getOrDefault(tier.toUpperCase(Locale.ROOT), Decision.LOCAL);
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

  private static String or(Function<String, String> get, String key, String fallback) {
    String v = get.apply(PREFIX + key);
    return v == null || v.isEmpty() ? fallback : v;
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
