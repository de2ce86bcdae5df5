package org.runlab.quota;

import java.time.Duration;
import java.util.List;
import org.runlab.account.Tier;

/**
 * What an admitted server run took and may still take: its rate-limit buckets (to give the run
 * back when the engine refuses it or breaks down), and its learner's concurrency allowance.
 */
public record QuotaTicket(
    String identityKey,
    Tier tier,
    List<RateLimit> buckets,
    long version,
    int concurrentRuns,
    Duration lease,
    Duration maxQueueWait) {
  public QuotaTicket {
    buckets = List.copyOf(buckets);
  }
}
