package org.runlab.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.runlab.account.Identity;
import org.runlab.account.Tier;

/**
 * The limits that hold for an identity: its tier's configured limits, then an admin's override of
 * the tier, then one of the learner. Overrides are read from the database when the cluster-wide
 * revision moves, which every change does, so a change holds at once on every member.
 */
@ApplicationScoped
public class LimitService {
  private static final String REVISION = "limits-revision";

  @Inject private TierPolicy tiers;
  @Inject private LimitStore store;
  @Inject private QuotaState state;

  private volatile long loadedRevision = -1;
  private volatile Map<String, LimitValues> overrides = Map.of();

  /** The effective limits of {@code who}. */
  public TierLimits limits(Identity who) {
    Map<String, LimitValues> o = current();
    LimitValues merged = o.getOrDefault(LimitOverride.TIER + ":" + who.tier().name(), LimitValues.NONE);
    if (who.userId() != null) {
      merged = merged.over(o.get(LimitOverride.USER + ":" + who.userId()));
    }
    return tiers.limits(who.tier()).with(merged);
  }

  /** The limits of a tier with its override (for visitors' client addresses). */
  public TierLimits limits(Tier tier) {
    return limits(tier, revision());
  }

  /** The same, at a revision the caller has just read. */
  TierLimits limits(Tier tier, long revision) {
    return tiers.limits(tier).with(current(revision).get(LimitOverride.TIER + ":" + tier.name()));
  }

  /** The configured limits of a tier, without overrides. */
  public TierLimits configured(Tier tier) {
    return tiers.limits(tier);
  }

  /** The revision buckets are versioned by: a newer one replaces their configuration. */
  public long revision() {
    String r = state.shared().get(REVISION);
    if (r == null) {
      state.shared().putIfAbsent(REVISION, "1");
      return 1;
    }
    return Long.parseLong(r);
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
      String r = state.shared().get(REVISION);
      long next = Math.max(r == null ? 1 : Long.parseLong(r) + 1, System.currentTimeMillis());
      if (r == null ? state.shared().putIfAbsent(REVISION, Long.toString(next))
          : state.shared().replace(REVISION, r, Long.toString(next))) {
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
