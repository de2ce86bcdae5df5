package org.runlab.limits;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.runlab.account.Identity;
import org.runlab.account.Tier;
import org.runlab.platform.background.Background;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.SharedMap;

/**
 * The limits that hold for an identity: its tier's configured limits, then an admin's override of
 * the tier, then one of the learner. Overrides are read from the database when the cluster-wide
 * revision moves, which every change does, so a change holds at once on every member.
 *
 * <p>The revision is kept here, not asked of the cluster on every run: the member that saves a
 * change knows it at once, every other member hears of it from its listener on the revision cache
 * (milliseconds), and each reads it again at most {@value #REREAD_MILLIS} ms after its last read in
 * case a notice was lost (behind the requests, on a background job thread).
 */
@ApplicationScoped
public class LimitService {
  private static final String REVISIONS = "runlab-limits-revision";
  private static final String REVISION = "limits-revision";
  static final long REREAD_MILLIS = 1000;

  @Inject private TierPolicy tiers;
  @Inject private LimitStore store;
  @Inject private ClusterMaps cluster;
  @Inject private Background background;

  private volatile long loadedRevision = -1;
  private final AtomicLong knownRevision = new AtomicLong();
  private volatile Map<String, LimitValues> overrides = Map.of();

  /** The effective limits of {@code who}. */
  public TierLimits limits(Identity who) {
    return limits(who.tier(), who.userId());
  }

  /**
   * The effective limits of a learner on {@code tier}: the tier's configured limits, its override,
   * then the learner's own ({@code userId} null: a visitor, who has none).
   */
  public TierLimits limits(Tier tier, UUID userId) {
    Map<String, LimitValues> o = current();
    LimitValues merged = o.getOrDefault(LimitOverride.TIER + ":" + tier.name(), LimitValues.NONE);
    if (userId != null) {
      merged = merged.over(o.get(LimitOverride.USER + ":" + userId));
    }
    return tiers.limits(tier).with(merged);
  }

  /** The limits of a tier with its override (for visitors' client addresses). */
  public TierLimits limits(Tier tier) {
    return limits(tier, revision());
  }

  /** The same, at a revision the caller has just read. */
  public TierLimits limits(Tier tier, long revision) {
    return tiers.limits(tier).with(current(revision).get(LimitOverride.TIER + ":" + tier.name()));
  }

  /** The configured limits of a tier, without overrides. */
  public TierLimits configured(Tier tier) {
    return tiers.limits(tier);
  }

  /** The map that holds the revision (a cache of its own, so watching it hears nothing else). */
  private SharedMap revisions;

  @PostConstruct
  void watch() {
    revisions = cluster.map(REVISIONS, null);
    cluster.watch(REVISIONS, value -> heard(parse(value)));
    if (cluster.clustered()) {
      background.every("limits-revision", Duration.ofMillis(REREAD_MILLIS), this::readRevision);
    }
  }

  /** The revision buckets are versioned by: a newer one replaces their configuration. */
  public long revision() {
    long known = knownRevision.get();
    return known > 0 ? known : readRevision();
  }

  /** Reads the revision from the cluster (first use, and every second behind the requests). */
  private long readRevision() {
    String r = revisions.get(REVISION);
    if (r == null) {
      revisions.putIfAbsent(REVISION, "1");
      r = revisions.get(REVISION);
    }
    return heard(parse(r));
  }

  private long heard(long revision) {
    return knownRevision.accumulateAndGet(revision, Math::max);
  }

  private static long parse(String value) {
    try {
      return value == null ? 1 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  public List<LimitOverride> overrides() {
    return store.all();
  }

  public List<LimitAudit> audit(int max) {
    return store.audit(max);
  }

  /** Saves an override (no values: removes it), audited, and makes it hold on every member now. */
  public void save(String scope, String subject, LimitValues values, String by) {
    store.save(scope, subject, values, by);
    for (int i = 0; i < 64; i++) {
      String r = revisions.get(REVISION);
      long next = Math.max(r == null ? 1 : parse(r) + 1, System.currentTimeMillis());
      if (r == null ? revisions.putIfAbsent(REVISION, Long.toString(next))
          : revisions.replace(REVISION, r, Long.toString(next))) {
        heard(next);
        break;
      }
    }
    loadedRevision = -1;
  }

  private Map<String, LimitValues> current() {
    return current(revision());
  }

  private Map<String, LimitValues> current(long r) {
    if (r != loadedRevision) {
      Map<String, LimitValues> m = new HashMap<>();
      for (LimitOverride o : store.all()) {
        m.put(o.getScope() + ":" + o.getSubject(), o.values());
      }
      overrides = Map.copyOf(m);
      loadedRevision = r;
    }
    return overrides;
  }
}
