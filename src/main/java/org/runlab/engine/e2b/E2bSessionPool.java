package org.runlab.engine.e2b;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns every sandbox this server holds: one session per active learner (files and installed
 * packages survive between runs) and a warm pool of ready sandboxes that hides create latency.
 * Never holds more than {@code max-concurrent}. {@link #reap()} (called by a timer) kills idle,
 * over-age and orphaned sandboxes and tops the pool up. Time comes from an {@link InstantSource}.
 */
public final class E2bSessionPool implements AutoCloseable {
  /** Metadata keys we tag sandboxes with. */
  public static final String INSTALLATION = "installation";

  public static final String INSTANCE = "instance";
  public static final String PURPOSE = "purpose";
  public static final String LEARNER = "learner";
  static final String CREATION = "creation";
  private static final Logger LOG = Logger.getLogger(E2bSessionPool.class.getName());

  private final E2bClient client;
  private final E2bSettings settings;
  private final InstantSource clock;
  private final LeaseRecorder leases;
  private final Map<String, Session> sessions = new HashMap<>();
  private final Deque<Session> warm = new ArrayDeque<>();
  private final Set<String> creating = new HashSet<>();
  private int claimsSinceReap;
  private int creatingWarm;
  private volatile Supplier<Set<String>> liveInstances;
  private volatile BooleanSupplier reapsOthers = () -> true;

  private volatile boolean atMinimum;
  private volatile SandboxSize sandboxSize = SandboxSize.CODE_INTERPRETER;

  public E2bSessionPool(E2bClient client, E2bSettings settings, InstantSource clock, LeaseRecorder leases) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.leases = leases;
    this.liveInstances = null;
  }

  /** The size of the sandboxes E2B last made for us (the template's), for cost estimates. */
  public SandboxSize sandboxSize() {
    return sandboxSize;
  }

  /**
   * Tells the orphan reaper which instances of this installation are alive. Until this is set,
   * only this instance's own orphans are reaped: other instances' sandboxes are left alone.
   */
  public void liveInstances(Supplier<Set<String>> instances) {
    this.liveInstances = instances;
  }

  /**
   * Asks, each sweep, whether this member also reaps other (dead) instances' orphans this round:
   * one member of a cluster does; the others sweep only their own.
   */
  public void reapsOthersOrphans(BooleanSupplier leads) {
    this.reapsOthers = leads;
  }

  /**
   * The learner's session, else a warm sandbox, else a new one; evicts the longest-idle other
   * session when at capacity, and otherwise queues until {@code maxWait}. The session is busy
   * until {@link #release} or {@link #discard}.
   */
  public Session acquire(String learner, Duration idleTimeout, Duration maxWait) throws InterruptedException {
    long until = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Session victim = null;
      String creation = null;
      synchronized (this) {
        Session s = sessions.get(learner);
        if (s == null && !warm.isEmpty()) {
          s = warm.pollFirst();
          s.lease = s.lease.claim(learner, clock.instant());
          leases.claimed(s.lease);
          claimsSinceReap++;
          bind(s, learner, idleTimeout);
        }
        if (s != null && !s.busy) {
          s.busy = true;
          s.idleTimeout = idleTimeout;
          return s;
        }
        if (s == null) {
          if (live() < settings.maxConcurrent()) {
            creation = UUID.randomUUID().toString();
            creating.add(creation);
          } else {
            victim = longestIdle();
            if (victim != null) {
              sessions.remove(victim.learner);
            }
          }
        }
      }
      if (victim != null) {
        end(victim);
        continue;
      }
      if (creation != null) {
        Session s = createTracked(creation, Lease.Purpose.SESSION, learner, until);
        synchronized (this) {
          bind(s, learner, idleTimeout);
          s.busy = true;
          return s;
        }
      }
      if (System.nanoTime() > until) {
        throw new E2bException(E2bException.Kind.RATE_LIMITED, 0, "every sandbox is busy", null, null);
      }
      synchronized (this) {
        wait(100);
      }
    }
  }

  private void bind(Session s, String learner, Duration idleTimeout) {
    s.learner = learner;
    s.idleTimeout = idleTimeout;
    s.lastUsed = clock.instant();
    sessions.put(learner, s);
  }

  /** The run is over; the session stays for the learner until idle (killed now if retired). */
  public void release(Session s) {
    boolean kill;
    synchronized (this) {
      s.busy = false;
      s.lastUsed = clock.instant();
      kill = s.retired && sessions.remove(s.learner, s);
      notifyAll();
    }
    if (kill) {
      end(s);
    }
  }

  /** The session is broken (sandbox dead or stuck): forget it and kill the sandbox. */
  public void discard(Session s) {
    synchronized (this) {
      sessions.remove(s.learner, s);
      warm.remove(s);
      notifyAll();
    }
    end(s);
  }

  /**
   * Holds the warm pool at {@code pool.min} (the budget is nearly spent): the next reap kills warm
   * sandboxes above it and no burst grows it.
   */
  public void holdAtMinimum(boolean hold) {
    atMinimum = hold;
  }

  /** Kills idle, over-age and orphaned sandboxes, extends the TTL of the rest, refills the pool. */
  public void reap() {
    Instant now = clock.instant();
    List<Session> doomed = new ArrayList<>();
    List<Session> keep;
    int target;
    synchronized (this) {
      for (Session s : List.copyOf(sessions.values())) {
        boolean tooOld = !now.isBefore(s.created.plus(settings.maxLifetime()));
        if (tooOld && s.busy) {
          s.retired = true;
        } else if (!s.busy && (tooOld || !now.isBefore(s.lastUsed.plus(s.idleTimeout)))) {
          sessions.remove(s.learner);
          doomed.add(s);
        }
      }
      warm.removeIf(s -> !now.isBefore(s.created.plus(settings.maxLifetime())) && doomed.add(s));
      while (atMinimum && warm.size() > settings.poolMin()) {
        doomed.add(warm.removeLast());
      }
      keep = new ArrayList<>(sessions.values());
      keep.addAll(warm);
      target = atMinimum ? settings.poolMin() : Math.min(settings.poolMax(), settings.poolMin() + claimsSinceReap);
      claimsSinceReap = 0;
      notifyAll();
    }
    doomed.forEach(this::end);
    for (Session s : keep) {
      extendIfDue(s, now);
    }
    reapOrphans();
    fillWarm(target);
  }

  /** Creates warm sandboxes until the pool holds {@code pool.min} (within capacity). */
  public void fillWarm() {
    fillWarm(settings.poolMin());
  }

  private void fillWarm(int target) {
    while (true) {
      String creation;
      synchronized (this) {
        if (warm.size() + creatingWarm >= target || live() >= settings.maxConcurrent()) {
          return;
        }
        creation = UUID.randomUUID().toString();
        creating.add(creation);
        creatingWarm++;
      }
      try {
        Session s = createTracked(creation, Lease.Purpose.POOL, null, System.nanoTime());
        synchronized (this) {
          warm.addLast(s);
          notifyAll();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not create a warm sandbox", e);
        return;
      } finally {
        synchronized (this) {
          creatingWarm--;
        }
      }
    }
  }

  /** Kills every sandbox we hold and every one tagged with this instance (on undeploy). */
  public void killAll() {
    List<Session> all;
    synchronized (this) {
      all = new ArrayList<>(sessions.values());
      all.addAll(warm);
      sessions.clear();
      warm.clear();
    }
    all.forEach(this::end);
    client.killTagged(Map.of(INSTALLATION, settings.installation(), INSTANCE, settings.instance()));
  }

  @Override
  public void close() {
    killAll();
  }

  /**
   * Every sandbox of this installation as E2B lists it (one control-plane call), each with who
   * holds it; a sandbox no live member holds is an orphan.
   */
  public List<E2bSandbox> sandboxes() {
    List<SandboxInfo> listed = client.list(Map.of(INSTALLATION, settings.installation()));
    Map<String, Session> held = new HashMap<>();
    Set<String> warmIds = new HashSet<>();
    Set<String> pending;
    synchronized (this) {
      sessions.values().forEach(s -> held.put(s.sandbox.id(), s));
      warm.forEach(s -> {
        held.put(s.sandbox.id(), s);
        warmIds.add(s.sandbox.id());
      });
      pending = Set.copyOf(creating);
    }
    Supplier<Set<String>> alive = liveInstances;
    Set<String> live = alive == null ? null : alive.get();
    List<E2bSandbox> out = new ArrayList<>();
    for (SandboxInfo info : listed) {
      String instance = info.metadata().get(INSTANCE);
      Session s = held.get(info.id());
      String holder;
      if (s != null) {
        holder = warmIds.contains(info.id()) ? "warm" : "session";
      } else if (pending.contains(info.metadata().getOrDefault(CREATION, ""))) {
        holder = "starting";
      } else if (settings.instance().equals(instance) || (live != null && !live.contains(instance))) {
        holder = "orphan";
      } else {
        holder = "other instance";
      }
      String learner = s != null && s.learner != null ? s.learner : info.metadata().get(LEARNER);
      out.add(new E2bSandbox(info.id(), instance, learner, info.startedAt(), s == null ? null : s.lastUsed,
          info.cpuCount(), info.memoryMb(), holder, s != null && s.busy));
    }
    return out;
  }

  /**
   * Kills one sandbox of this installation: when this member holds it, its session or warm slot
   * ends with it (and its lease closes); otherwise E2B is told to kill it. False: E2B did not know it.
   */
  public boolean kill(String sandboxId) {
    Session held = null;
    synchronized (this) {
      for (Session s : sessions.values()) {
        if (s.sandbox.id().equals(sandboxId)) {
          held = s;
        }
      }
      for (Session s : warm) {
        if (s.sandbox.id().equals(sandboxId)) {
          held = s;
        }
      }
      if (held != null) {
        sessions.remove(held.learner, held);
        warm.remove(held);
        notifyAll();
      }
    }
    if (held != null) {
      end(held);
      return true;
    }
    return client.kill(sandboxId);
  }

  /** Kills every warm sandbox now; the reaper makes new ones on its next round (unless held at minimum). */
  public int drainWarm() {
    List<Session> drained;
    synchronized (this) {
      drained = new ArrayList<>(warm);
      warm.clear();
      notifyAll();
    }
    drained.forEach(this::end);
    return drained.size();
  }

  /** Sessions held for learners on this member now. */
  public synchronized int sessionCount() {
    return sessions.size();
  }

  /** Sandboxes held now, warm and in sessions, plus those being created. */
  public synchronized int live() {
    return sessions.size() + warm.size() + creating.size();
  }

  public synchronized int warmCount() {
    return warm.size();
  }

  public synchronized Optional<Session> sessionOf(String learner) {
    return Optional.ofNullable(sessions.get(learner));
  }

  private Session longestIdle() {
    return sessions.values().stream()
        .filter(s -> !s.busy)
        .min(Comparator.comparing((Session s) -> s.lastUsed))
        .orElse(null);
  }

  private Session createTracked(String creation, Lease.Purpose purpose, String learner, long until)
      throws E2bException {
    try {
      Session s = SessionFactory.create(
          client, settings, clock, leases, SessionFactory.tags(settings, creation, purpose, learner), purpose, learner, until);
      sandboxSize = new SandboxSize(s.lease().vcpus(), s.lease().memoryMb());
      return s;
    } finally {
      synchronized (this) {
        creating.remove(creation);
        notifyAll();
      }
    }
  }

  private void extendIfDue(Session s, Instant now) {
    if (now.isBefore(s.lastExtended.plus(settings.sandboxTimeout().dividedBy(3)))) {
      return;
    }
    try {
      client.setTimeout(s.sandbox.id(), settings.sandboxTimeout());
      s.lastExtended = now;
    } catch (E2bException e) {
      if (e.kind() == E2bException.Kind.SANDBOX_GONE) {
        discard(s);
      }
    }
  }

  private void reapOrphans() {
    Set<String> owned = new HashSet<>();
    Set<String> pending;
    synchronized (this) {
      sessions.values().forEach(s -> owned.add(s.sandbox.id()));
      warm.forEach(s -> owned.add(s.sandbox.id()));
      pending = Set.copyOf(creating);
    }
    Supplier<Set<String>> alive = liveInstances;
    Set<String> live = alive == null || !reapsOthers.getAsBoolean() ? null : alive.get();
    OrphanReaper.sweep(client, settings, owned, pending, live);
  }

  /** Kills the sandbox and closes its lease. */
  private void end(Session s) {
    try {
      client.kill(s.sandbox.id());
    } catch (E2bException e) {
      LOG.log(Level.WARNING, "kill failed for " + s.sandbox.id() + "; the orphan sweep retries", e);
    }
    s.lease = s.lease.close(clock.instant());
    leases.closed(s.lease);
  }
}
