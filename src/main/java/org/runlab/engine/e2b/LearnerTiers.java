package org.runlab.engine.e2b;

import org.runlab.account.Tier;

/**
 * Tells the pool a learner's tier from a run's owner key; the application may provide a CDI bean
 * of this type. Without one, blank owners and owners starting with "anon" are anonymous, the
 * rest free.
 */
public interface LearnerTiers {
  Tier tierOf(String owner);

  /** The rule used when the application provides none. */
  LearnerTiers BY_OWNER_PREFIX =
      owner -> owner.isBlank() || owner.startsWith("anon") ? Tier.ANONYMOUS : Tier.FREE;
}
