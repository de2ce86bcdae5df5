package org.runlab.engine.e2b;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.runlab.platform.JsonFactory;

/**
 * Where a sandbox may connect to, as E2B's {@code network.allowOut}/{@code denyOut} lists say it.
 * Allowed entries win over denied ones, and a domain may be allowed only when everything else is
 * denied ({@value #ALL_TRAFFIC}); a PUT replaces both lists, and empty lists mean full internet.
 *
 * @param allowOut domains, IPs or CIDRs reachable although denied by {@code denyOut}
 * @param denyOut IPs or CIDRs not reachable
 */
record Egress(List<String> allowOut, List<String> denyOut) {
  /** Every IPv4 destination (E2B's {@code ALL_TRAFFIC}). */
  static final String ALL_TRAFFIC = "0.0.0.0/0";

  /** Nothing reachable: where a learner's code runs unless the operator allows the internet. */
  static final Egress CLOSED = new Egress(List.of(), List.of(ALL_TRAFFIC));

  /** Everything reachable. */
  static final Egress OPEN = new Egress(List.of(), List.of());

  Egress {
    allowOut = List.copyOf(allowOut);
    denyOut = List.copyOf(denyOut);
  }

  /** Only {@code hosts} reachable (the package index, while installing); closed when empty. */
  static Egress only(List<String> hosts) {
    return new Egress(hosts, List.of(ALL_TRAFFIC));
  }

  boolean open() {
    return denyOut.isEmpty();
  }

  /** The body of {@code PUT /sandboxes/{id}/network}, and the create request's {@code network}. */
  JsonObject json() {
    JsonArrayBuilder allow = JsonFactory.JSON.createArrayBuilder();
    allowOut.forEach(allow::add);
    JsonArrayBuilder deny = JsonFactory.JSON.createArrayBuilder();
    denyOut.forEach(deny::add);
    JsonObjectBuilder b = JsonFactory.JSON.createObjectBuilder();
    return b.add("allowOut", allow).add("denyOut", deny).build();
  }
}
