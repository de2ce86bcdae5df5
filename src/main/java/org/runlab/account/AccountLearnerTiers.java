package org.runlab.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.runlab.engine.e2b.LearnerTiers;

/** Tells the E2B pool a run owner's tier (for idle timeouts) from the account behind the key. */
@ApplicationScoped
public class AccountLearnerTiers implements LearnerTiers {
  @Inject private AccountService accounts;

  @Override
  public org.runlab.engine.e2b.Tier tierOf(String owner) {
    if (owner != null && owner.startsWith("user:")) {
      try {
        return accounts.find(UUID.fromString(owner.substring(5)))
            .map(u -> org.runlab.engine.e2b.Tier.valueOf(u.getTier().name()))
            .orElse(org.runlab.engine.e2b.Tier.FREE);
      } catch (IllegalArgumentException e) {
        return org.runlab.engine.e2b.Tier.FREE;
      }
    }
    return org.runlab.engine.e2b.Tier.ANONYMOUS;
  }
}
