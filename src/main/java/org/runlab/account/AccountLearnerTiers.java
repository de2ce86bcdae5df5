package org.runlab.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.runlab.engine.e2b.LearnerTiers;

/** Tells the E2B pool a run owner's tier (for idle timeouts) from the account behind the key. */
@ApplicationScoped
public class AccountLearnerTiers implements LearnerTiers {
  @Inject private AccountService accounts;

  @Override
  public Tier tierOf(String owner) {
    if (owner != null && owner.startsWith("user:")) {
      return accounts.findByCaller(owner.substring(5)).map(User::getTier).orElse(Tier.FREE);
    }
    return Tier.ANONYMOUS;
  }
}
