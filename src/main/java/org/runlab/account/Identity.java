package org.runlab.account;

import java.util.UUID;

/**
 * Who is asking: a signed-in user or an anonymous visitor, with the tier that sets their limits and
 * the client address they came from.
 *
 * @param key a stable key for ledgers and buckets: {@code user:<id>} or {@code anon:<id>}
 * @param userId the user's id, or null for a visitor
 */
public record Identity(String key, UUID userId, Tier tier, String clientAddress) {
  public static Identity user(UUID id, Tier tier, String address) {
    return new Identity("user:" + id, id, tier, address);
  }

  public static Identity anonymous(UUID visitor, String address) {
    return new Identity("anon:" + visitor, null, Tier.ANONYMOUS, address);
  }

  public boolean isAnonymous() {
    return userId == null;
  }
}
