package org.runlab.engine.e2b;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.runlab.account.Tier;
import org.runlab.platform.cluster.InstanceName;

/**
 * Everything the E2B engine is configured with, read from {@code runlab.e2b.*} keys.
 *
 * @param apiKey the team's API key; null or blank means the engine is off
 * @param apiUrl the control-plane base URL ({@code https://api.<domain>} unless overridden)
 * @param domain where sandbox ports live ({@code <port>-<id>.<domain>})
 * @param sandboxUrl when set, every sandbox request goes here and is routed by header only
 * @param installation tag naming this Runlab installation on every sandbox we create
 * @param instance tag naming this server process within the installation
 */
public record E2bSettings(
    String apiKey,
    String apiUrl,
    String domain,
    String sandboxUrl,
    String template,
    Duration sandboxTimeout,
    int poolMin,
    int poolMax,
    int maxConcurrent,
    Duration idleTimeoutAnonymous,
    Duration idleTimeoutFree,
    Duration idleTimeoutPaid,
    Duration maxLifetime,
    Duration executionTimeout,
    Duration interpreterWait,
    BigDecimal priceVcpuSecond,
    BigDecimal priceGibSecond,
    boolean allowInternet,
    String installation,
    String instance) {

  /** The key prefix shared by every setting. */
  public static final String PREFIX = "runlab.e2b.";

  /** The defaults, also written in META-INF/microprofile-config.properties. */
  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("api-key", ""),
          Map.entry("domain", "e2b.app"),
          Map.entry("api-url", ""),
          Map.entry("sandbox-url", ""),
          Map.entry("template", "code-interpreter-v1"),
          Map.entry("sandbox-timeout", "PT5M"),
          Map.entry("pool.min", "1"),
          Map.entry("pool.max", "3"),
          Map.entry("max-concurrent", "15"),
          Map.entry("idle-timeout.anonymous", "PT2M"),
          Map.entry("idle-timeout.free", "PT5M"),
          Map.entry("idle-timeout.paid", "PT15M"),
          Map.entry("max-lifetime", "PT55M"),
          Map.entry("execution-timeout", "PT60S"),
          Map.entry("interpreter-wait", "PT20S"),
          Map.entry("price.vcpu-second", "0.000014"),
          Map.entry("price.gib-second", "0.0000045"),
          Map.entry("allow-internet", "false"),
          Map.entry("installation", "runlab"),
          Map.entry("instance", "auto"));

  public E2bSettings {
    if (poolMax > maxConcurrent) {
      poolMax = maxConcurrent;
    }
    if (poolMin > poolMax) {
      poolMin = poolMax;
    }
  }

  /** Reads settings from {@code lookup} (key without prefix to value or null), with defaults. */
  public static E2bSettings from(Function<String, String> lookup) {
    Function<String, String> get =
        k -> {
          String v = lookup.apply(k);
          return v == null ? DEFAULTS.get(k) : v.trim();
        };
    String domain = get.apply("domain");
    String apiUrl = get.apply("api-url");
    return new E2bSettings(
        blankToNull(get.apply("api-key")),
        apiUrl.isBlank() ? "https://api." + domain : stripSlash(apiUrl),
        domain,
        blankToNull(stripSlash(get.apply("sandbox-url"))),
        get.apply("template"),
        Duration.parse(get.apply("sandbox-timeout")),
        Integer.parseInt(get.apply("pool.min")),
        Integer.parseInt(get.apply("pool.max")),
        Integer.parseInt(get.apply("max-concurrent")),
        Duration.parse(get.apply("idle-timeout.anonymous")),
        Duration.parse(get.apply("idle-timeout.free")),
        Duration.parse(get.apply("idle-timeout.paid")),
        Duration.parse(get.apply("max-lifetime")),
        Duration.parse(get.apply("execution-timeout")),
        Duration.parse(get.apply("interpreter-wait")),
        new BigDecimal(get.apply("price.vcpu-second")),
        new BigDecimal(get.apply("price.gib-second")),
        Boolean.parseBoolean(get.apply("allow-internet")),
        get.apply("installation"),
        InstanceName.of(get.apply("instance")));
  }

  /** Settings from a map of keys without prefix, for tests and tools. */
  public static E2bSettings from(Map<String, String> values) {
    return from(values::get);
  }

  /** Whether an API key is set; without one the engine is off. */
  public boolean configured() {
    return apiKey != null;
  }

  /** How long a learner of {@code tier} keeps their sandbox between runs. */
  public Duration idleTimeout(Tier tier) {
    return switch (tier) {
      case ANONYMOUS -> idleTimeoutAnonymous;
      case FREE -> idleTimeoutFree;
      case PAID -> idleTimeoutPaid;
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
