package org.runlab.quota;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.runlab.account.Identity;
import org.runlab.account.Tier;
import org.runlab.limits.LimitService;
import org.runlab.limits.TierLimits;
import org.runlab.platform.AppConfig;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.alert.AlertSink;
import org.runlab.platform.background.Background;
import org.runlab.platform.background.Batches;

/**
 * The quota boundary the run pipeline calls: takes a server run from the learner's hourly and
 * daily windows (a visitor's also from their client address's), gives it back when the engine
 * could not run it, starts and ends runs against the learner's concurrency, and counts usage per
 * day in the database.
 */
@ApplicationScoped
public class QuotaService {
  /**
   * How long a concurrency slot is held without renewal: the slots of a member that died (kill -9,
   * power loss) are free again at most this long after its last renewal.
   */
  public static final Duration SLOT_LEASE = Duration.ofSeconds(45);
  /** How often the member running a run renews its slot. */
  public static final Duration SLOT_RENEWAL = Duration.ofSeconds(15);

  static final long USAGE_WRITE_MILLIS = 1000;

  @Inject private QuotaState state;
  @Inject private LimitService limits;
  @Inject private UsageCounter usage;
  @Inject private AlertSink alerts;
  @Inject private Background background;
  @Inject private AuditLog audit;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  private MetricRegistry metrics;
  /** Looked up once: the registry builds and checks a metric id at every lookup. */
  private Timer admissionTimer;
  private final Map<String, Counter> decisionCounters = new ConcurrentHashMap<>();

  @Inject private AppConfig config;

  private QuotaSettings settings;

  /** Usage not yet written, per identity and day. */
  private final Map<UsageKey, PendingUsage> pendingUsage = new ConcurrentHashMap<>();
  private RateLimiter limiter;
  private ConcurrencyGuard concurrency;
  private AddressWatch addresses;

  /** An admission's outcome: the decision, and when allowed, the ticket the run carries. */
  public record Grant(QuotaDecision decision, QuotaTicket ticket) {
    public boolean allowed() {
      return decision.allowed();
    }
  }

  @PostConstruct
  void init() {
    settings = QuotaSettings.from(config.get());
    admissionTimer = metrics.timer("runlab_quota_admission");
    Clock clock = Clock.systemUTC();
    limiter = new RateLimiter(state.buckets(), clock);
    concurrency = new ConcurrencyGuard(state.shared(), clock);
    addresses = new AddressWatch(state.shared(), clock, settings.accountsPerAddressHour());
    background.gathered(Duration.ofMillis(USAGE_WRITE_MILLIS), this::writeUsage);
  }

  /** The limits that hold for {@code who} now. */
  public TierLimits limits(Identity who) {
    return limits.limits(who);
  }

  /** Takes one server run from {@code who}'s windows, or says which window is exhausted. */
  public Grant acquire(Identity who, TierLimits l) {
    long start = System.nanoTime();
    long version = limits.revision();
    List<RateLimit> buckets = buckets(who, l, true, version);
    QuotaDecision d = limiter.tryAcquire(who.tier(), buckets, version);
    admissionTimer.update(Duration.ofNanos(System.nanoTime() - start));
    decisionCounters.computeIfAbsent(who.tier().name() + '|' + d.allowed(), k -> metrics.counter(
        "runlab_quota_decisions", new Tag("tier", who.tier().name()), new Tag("allowed", Boolean.toString(d.allowed()))))
        .inc();
    count(who, d.allowed() ? UsageDelta.SERVER_RUN : UsageDelta.REFUSED_RUN);
    if (!d.allowed()) {
      return new Grant(d, null);
    }
    return new Grant(d, new QuotaTicket(who.key(), who.tier(), buckets, version, l.concurrentRuns(), SLOT_LEASE,
        l.maxQueueWait()));
  }

  /** {@code who}'s windows as they stand, for the RateLimit headers of any answer. */
  public QuotaDecision peek(Identity who) {
    TierLimits l = limits.limits(who);
    long version = limits.revision();
    return limiter.peek(who.tier(), buckets(who, l, false, version), version);
  }

  /** Gives the run back: the engine refused it or broke down, so it should not count. */
  public void refund(QuotaTicket t) {
    limiter.refund(t.buckets(), t.version());
    addUsage(t.identityKey(), t.tier(), UsageDelta.REFUNDED_RUN);
  }

  /** Starts run {@code runId} unless its learner has all their concurrent runs going (cluster-wide). */
  public boolean tryStart(QuotaTicket t, String runId) {
    return concurrency.tryAcquire(t.identityKey(), runId, t.concurrentRuns(), t.lease());
  }

  /**
   * Keeps run {@code runId}'s concurrency slot while it runs (its member calls this every
   * {@link #SLOT_RENEWAL}); false when the slot had lapsed.
   */
  public boolean renew(QuotaTicket t, String runId) {
    return concurrency.renew(t.identityKey(), runId, t.lease());
  }

  public void ended(QuotaTicket t, String runId) {
    concurrency.release(t.identityKey(), runId);
  }

  /**
   * Gives a learner their whole hourly and daily quota back, audited. Their client address's
   * bucket, shared with others, is left alone.
   */
  public void reset(Identity who, String subject, String actor, String reason) {
    TierLimits l = limits.limits(who);
    long version = limits.revision();
    QuotaDecision before = peek(who);
    limiter.reset(new RateLimit(who.key(), l.runsPerHour(), l.runsPerDay()), version);
    audit.record(actor, "quota.reset", subject,
        describe(before), describe(peek(who)), reason);
  }

  private static String describe(QuotaDecision d) {
    return d.windows().stream().map(w -> w.remaining() + " of " + w.quota() + " left " + w.inWords())
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  /** Counts a browser run (free and unlimited, but in the ledger). */
  public void countBrowserRun(Identity who) {
    count(who, UsageDelta.BROWSER_RUN);
  }

  /** Adds a finished run's CPU time and cost to its learner's day. */
  public void used(QuotaTicket t, long cpuMs, java.math.BigDecimal cost) {
    addUsage(t.identityKey(), t.tier(), UsageDelta.used(cpuMs, cost));
  }

  private void count(Identity who, UsageDelta d) {
    addUsage(who.key(), who.tier(), d);
  }

  private record UsageKey(String identityKey, LocalDate day) {}

  private record PendingUsage(Tier tier, UsageDelta delta) {}

  /**
   * Adds to the identity's row of the day (the row is for admins and reports; limits live in the
   * buckets). Changes gather per identity and day and go with the next group commit of run records
   * (see {@link #takeUsage}), which a server run's answer waits for; what no run takes, the writer
   * thread writes about every {@value #USAGE_WRITE_MILLIS} ms.
   */
  private void addUsage(String key, Tier tier, UsageDelta d) {
    addUsage(new UsageKey(key, LocalDate.now(ZoneOffset.UTC)), tier, d);
    background.added();
  }

  private void addUsage(UsageKey k, Tier tier, UsageDelta d) {
    pendingUsage.merge(k, new PendingUsage(tier, d), (was, now) -> new PendingUsage(tier, was.delta().plus(now.delta())));
  }

  /**
   * Takes the usage gathered so far, to be written with the run records of a group commit (so an
   * acknowledged run's count is as durable as its record); what that commit fails to write comes
   * back through {@link #giveBackUsage}.
   */
  public List<UsageCounter.Change> takeUsage() {
    List<UsageCounter.Change> batch = new ArrayList<>();
    for (UsageKey k : List.copyOf(pendingUsage.keySet())) {
      PendingUsage p = pendingUsage.remove(k);
      if (p != null) {
        batch.add(new UsageCounter.Change(k.identityKey(), p.tier().name(), k.day(), p.delta()));
      }
    }
    return batch;
  }

  /** Usage taken for a commit that failed: written with a later one. */
  public void giveBackUsage(List<UsageCounter.Change> changes) {
    for (UsageCounter.Change c : changes) {
      addUsage(new UsageKey(c.identityKey(), c.day()), Tier.valueOf(c.tier()), c.delta());
    }
  }

  /** Ends run {@code runId}'s concurrency slot when its ticket is gone (its instance died). */
  public void endedOrphan(String identityKey, String runId) {
    concurrency.release(identityKey, runId);
  }

  /**
   * Writes the usage gathered so far: together in one transaction, else each alone; what cannot be
   * written (the database is away, or another member inserted the day's row first) waits for the
   * next round rather than being lost.
   */
  void writeUsage() {
    giveBackUsage(Batches.writeTogetherElseEach(takeUsage(), usage::addAll, "daily usage changes"));
  }

  /**
   * The buckets a run of {@code who} draws from: a visitor's (and a flagged account's) client
   * address first, so a flood from one address is refused by one bucket, then their own.
   */
  private List<RateLimit> buckets(Identity who, TierLimits l, boolean watch, long version) {
    List<RateLimit> list = new ArrayList<>(2);
    boolean shareAddress = who.isAnonymous();
    if (!shareAddress && who.tier() == Tier.FREE && who.clientAddress() != null) {
      AddressWatch.Verdict v = watch ? addresses.see(who.clientAddress(), who.key())
          : new AddressWatch.Verdict(false, false, 0);
      if (v.newlyFlagged()) {
        alerts.raise("accounts-per-address", "accounts-per-address:" + who.clientAddress() + ":"
                + System.currentTimeMillis() / 3_600_000L,
            v.accounts() + " accounts ran code from " + who.clientAddress() + " within an hour; the ones after the"
                + " first " + settings.accountsPerAddressHour() + " now share that address's visitor budget.");
      }
      shareAddress = v.shared();
    }
    if (shareAddress && who.clientAddress() != null) {
      TierLimits anon = limits.limits(Tier.ANONYMOUS, version);
      list.add(new RateLimit("addr:" + who.clientAddress(), anon.runsPerHour() * settings.anonymousAddressFactor(),
          anon.runsPerDay() * settings.anonymousAddressFactor()));
    }
    list.add(new RateLimit(who.key(), l.runsPerHour(), l.runsPerDay()));
    return list;
  }

}
