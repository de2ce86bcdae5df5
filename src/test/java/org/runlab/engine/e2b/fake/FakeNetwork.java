package org.runlab.engine.e2b.fake;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A sandbox's egress rules as E2B keeps them: {@code allowOut} (CIDRs, IPs or domains, wildcards
 * allowed) wins over {@code denyOut} (CIDRs or IPs only); a domain may be allowed only when all
 * traffic is denied; everything else is reachable. A create with {@code allow_internet_access:
 * false} denies all traffic; a PUT replaces both lists, so an empty PUT opens the sandbox again.
 */
public record FakeNetwork(List<String> allowOut, List<String> denyOut) {
  public static final String ALL_TRAFFIC = "0.0.0.0/0";
  private static final Pattern IP_OR_CIDR =
      Pattern.compile("^(\\d{1,3})(\\.\\d{1,3}){3}(/\\d{1,2})?(:\\d{1,5}(-\\d{1,5})?)?$");

  public FakeNetwork {
    allowOut = List.copyOf(allowOut);
    denyOut = List.copyOf(denyOut);
  }

  /**
   * The rules a create body or a PUT body gives; {@code internet} false adds a deny-all. Throws
   * IllegalArgumentException with E2B's validation message for rules E2B refuses with 400.
   */
  static FakeNetwork from(JsonObject network, boolean internet) {
    List<String> allow = strings(network, "allowOut");
    List<String> deny = new java.util.ArrayList<>(strings(network, "denyOut"));
    for (String d : deny) {
      if (!IP_OR_CIDR.matcher(d).matches()) {
        throw new IllegalArgumentException("validation error: denyOut accepts only IP addresses and CIDR blocks, not '" + d + "'");
      }
    }
    if (!internet && !deny.contains(ALL_TRAFFIC)) {
      deny.add(ALL_TRAFFIC);
    }
    boolean domains = allow.stream().anyMatch(a -> !IP_OR_CIDR.matcher(a).matches());
    if (domains && !deny.contains(ALL_TRAFFIC)) {
      throw new IllegalArgumentException(
          "validation error: allowing a domain in allowOut requires denyOut to contain " + ALL_TRAFFIC);
    }
    return new FakeNetwork(allow, deny);
  }

  /** Whether a connection to {@code host} (a domain, or an IPv4 address) gets through. */
  public boolean allows(String host) {
    for (String a : allowOut) {
      String rule = a.replaceFirst(":\\d+(-\\d+)?$", "");
      if (rule.equals(host) || (rule.startsWith("*.") && host.endsWith(rule.substring(1)))) {
        return true;
      }
    }
    return !denyOut.contains(ALL_TRAFFIC) && !denyOut.contains(host);
  }

  /** Whether nothing at all gets through. */
  public boolean closed() {
    return allowOut.isEmpty() && denyOut.contains(ALL_TRAFFIC);
  }

  JsonObject json() {
    JsonArrayBuilder a = Json.createArrayBuilder();
    allowOut.forEach(a::add);
    JsonArrayBuilder d = Json.createArrayBuilder();
    denyOut.forEach(d::add);
    return Json.createObjectBuilder().add("allowOut", a).add("denyOut", d).build();
  }

  @Override
  public String toString() {
    return json().toString();
  }

  private static List<String> strings(JsonObject o, String key) {
    if (o == null || !o.containsKey(key) || o.isNull(key)) {
      return List.of();
    }
    JsonArray arr = o.getJsonArray(key);
    return arr.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }
}
