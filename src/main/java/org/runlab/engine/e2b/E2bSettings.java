package org.runlab.engine.e2b;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.runlab.platform.cluster.InstanceName;

/**
 * Everything the E2B engine is configured with, read from {@code runlab.e2b.*} keys.
 *
 * @param apiKey the team's API key; null means the engine is off
 * @param apiUrl the control-plane base URL ({@code https://api.<domain>} unless overridden)
 * @param domain where sandbox ports live ({@code <port>-<id>.<domain>})
 * @param sandboxUrl when set, every sandbox request goes here and is routed by header only
 * @param template the template sandboxes are made from unless the tier names another
 * @param tierTemplates per tier name (lower case), the template that tier's sandboxes are made from
 * @param learnerInternet whether a learner's code may reach the internet (off: egress is closed
 *     before it runs)
 * @param packageIndexHosts the hosts (domains, IPs or CIDRs) a sandbox may reach while it installs
 *     a project's requirements; empty: installs get no network
 * @param installation tag naming this Runlab installation on every sandbox we create
 * @param instance tag naming this server process within the installation
 * @param createWait how long a run waits through E2B's 429s on create before it goes elsewhere
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
    Duration maxLifetime,
    Duration executionTimeout,
    Duration interpreterWait,
    Duration createWait,
    boolean learnerInternet,
    List<String> packageIndexHosts,
    Map<String, String> tierTemplates,
    String installation,
    String instance) {

  /** The key prefix shared by every setting. */
  public static final String PREFIX = "runlab.e2b.";

  public E2bSettings {
    packageIndexHosts = List.copyOf(packageIndexHosts);
    tierTemplates = Map.copyOf(tierTemplates);
    if (poolMax > maxConcurrent) {
      poolMax = maxConcurrent;
    }
    if (poolMin > poolMax) {
      poolMin = poolMax;
    }
  }

  /** The settings from configuration; empty api-key, api-url and sandbox-url mean none. */
  public static E2bSettings from(Config c) {
    String domain = c.getValue(PREFIX + "domain", String.class).trim();
    String apiUrl = optional(c, "api-url");
    return new E2bSettings(
        optional(c, "api-key"),
        apiUrl == null ? "https://api." + domain : stripSlash(apiUrl),
        domain,
        stripSlash(optional(c, "sandbox-url")),
        c.getValue(PREFIX + "template", String.class).trim(),
        c.getValue(PREFIX + "sandbox-timeout", Duration.class),
        c.getValue(PREFIX + "pool.min", Integer.class),
        c.getValue(PREFIX + "pool.max", Integer.class),
        c.getValue(PREFIX + "max-concurrent", Integer.class),
        c.getValue(PREFIX + "max-lifetime", Duration.class),
        c.getValue(PREFIX + "execution-timeout", Duration.class),
        c.getValue(PREFIX + "interpreter-wait", Duration.class),
        c.getValue(PREFIX + "create-wait", Duration.class),
        c.getValue(PREFIX + "learner-internet", Boolean.class),
        list(optional(c, "package-index-hosts")),
        tierTemplates(c),
        c.getValue(PREFIX + "installation", String.class).trim(),
        InstanceName.of(optional(c, "instance")));
  }

  /** The template for a run of {@code tier} (a lower-case tier name; empty: the default one). */
  public String templateFor(String tier) {
    return tierTemplates.getOrDefault(tier.toLowerCase(Locale.ROOT), template);
  }

  /** {@code runlab.e2b.template.<tier>} keys that are set; an empty one means the default template. */
  private static Map<String, String> tierTemplates(Config c) {
    Map<String, String> out = new HashMap<>();
    String prefix = PREFIX + "template.";
    for (String key : c.getPropertyNames()) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        String tier = key.substring(prefix.length()).toLowerCase(Locale.ROOT);
        String t = optional(c, "template." + tier);
        if (t != null) {
          out.put(tier, t);
        }
      }
    }
    return out;
  }

  private static List<String> list(String commaSeparated) {
    return commaSeparated == null ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
  }

  /** Whether an API key is set; without one the engine is off. */
  public boolean configured() {
    return apiKey != null;
  }

  private static String optional(Config c, String key) {
    return c.getOptionalValue(PREFIX + key, String.class).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
  }

  private static String stripSlash(String s) {
    return s != null && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
