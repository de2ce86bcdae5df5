package org.runlab.engine.e2b;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.budget.Pricing;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.platform.TestConfig;

/** The session and warm pool with a hand-moved clock: hits, reaping, orphans, capacity. */
class E2bSessionPoolTest {
  /** How long each tier's learners keep their sandbox (their plans' session idle times). */
  private static final Duration ANONYMOUS_IDLE = Duration.ofMinutes(2);
  private static final Duration FREE_IDLE = Duration.ofMinutes(5);
  private static final Duration PAID_IDLE = Duration.ofMinutes(15);
  private static final Pricing PRICING = Pricing.from(TestConfig.defaults());

  private static final Duration WAIT = Duration.ofSeconds(10);
  private FakeE2b fake;
  private E2bClient client;
  private final MutableClock clock = new MutableClock();
  private final RecordingLeases leases = new RecordingLeases();
  private E2bSessionPool pool;

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    client = E2bTestSupport.client(fake);
  }

  private E2bSessionPool pool(Map<String, String> settings) {
    Map<String, String> m = new HashMap<>(Map.of("pool.min", "0", "pool.max", "2"));
    m.putAll(settings);
    E2bSettings s = E2bTestSupport.settings(fake, m);
    pool = new E2bSessionPool(E2bTestSupport.client(s), s, clock, leases);
    return pool;
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.killAll();
    }
    assertThat(fake.liveSandboxIds()).isEmpty();
    fake.close();
    assertThat(fake.livePythonProcesses()).isZero();
  }

  @Test
  void warmSandboxServesTheFirstRunWithoutACreate() throws Exception {
    pool(Map.of("pool.min", "1")).fillWarm();
    assertThat(fake.liveSandboxIds()).hasSize(1);
    String warmId = fake.liveSandboxIds().get(0);

    Session s = pool.acquire("ana", FREE_IDLE, WAIT);

    assertThat(s.fromPool()).isTrue();
    assertThat(s.sandbox().id()).isEqualTo(warmId);
    assertThat(fake.liveSandboxIds()).hasSize(1);
    assertThat(leases.claimed).extracting(Lease::learner).containsExactly("ana");
  }

  @Test
  void emptyPoolCreatesASessionSandbox() throws Exception {
    Session s = pool(Map.of()).acquire("ana", FREE_IDLE, WAIT);

    assertThat(s.fromPool()).isFalse();
    assertThat(fake.metadataOf(s.sandbox().id()))
        .containsEntry("installation", "test-install")
        .containsEntry("instance", "test-instance")
        .containsEntry("purpose", "session")
        .containsEntry("learner", SessionFactory.pseudonym("ana"));
  }

  @Test
  void learnerKeepsTheSameSandboxBetweenRuns() throws Exception {
    pool(Map.of());
    Session first = pool.acquire("ana", FREE_IDLE, WAIT);
    pool.release(first);

    Session second = pool.acquire("ana", FREE_IDLE, WAIT);

    assertThat(second.sandbox().id()).isEqualTo(first.sandbox().id());
  }

  @Test
  void idleSessionIsKilledAfterItsTiersTimeout() throws Exception {
    pool(Map.of());
    Session s = pool.acquire("ana", FREE_IDLE, WAIT);
    pool.release(s);

    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    pool.reap();
    assertThat(fake.liveSandboxIds()).containsExactly(s.sandbox().id());

    clock.advance(Duration.ofSeconds(1));
    pool.reap();
    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(leases.closed).singleElement().satisfies(l -> {
      assertThat(l.seconds()).isEqualTo(300);
      assertThat(PRICING.e2bSeconds(l.seconds(), l.vcpus(), l.memoryMb())).isEqualByComparingTo("0.0111");
    });
  }

  @Test
  void anonymousLearnersAreReapedSoonerThanPaidOnes() throws Exception {
    pool(Map.of());
    Session anon = pool.acquire("anon-1", ANONYMOUS_IDLE, WAIT);
    Session paid = pool.acquire("paying", PAID_IDLE, WAIT);
    pool.release(anon);
    pool.release(paid);

    clock.advance(Duration.ofMinutes(3));
    pool.reap();

    assertThat(fake.liveSandboxIds()).containsExactly(paid.sandbox().id());
  }

  @Test
  void busySessionIsNeverReapedForIdleness() throws Exception {
    pool(Map.of("idle-timeout.free", "PT1M"));
    Session s = pool.acquire("ana", FREE_IDLE, WAIT);

    clock.advance(Duration.ofMinutes(10));
    pool.reap();

    assertThat(fake.liveSandboxIds()).containsExactly(s.sandbox().id());
  }

  @Test
  void sessionPastMaximumLifetimeIsKilledEvenIfActive() throws Exception {
    pool(Map.of("max-lifetime", "PT10M", "idle-timeout.free", "PT5M"));
    Session s = pool.acquire("ana", FREE_IDLE, WAIT);
    for (int minute = 0; minute < 9; minute++) {
      pool.release(s);
      clock.advance(Duration.ofMinutes(1));
      pool.reap();
      s = pool.acquire("ana", FREE_IDLE, WAIT);
    }
    String id = s.sandbox().id();

    clock.advance(Duration.ofMinutes(1));
    pool.reap();
    assertThat(fake.liveSandboxIds()).containsExactly(id); // busy: retired, not cut mid-run
    pool.release(s);

    assertThat(fake.liveSandboxIds()).isEmpty();
    Session fresh = pool.acquire("ana", FREE_IDLE, WAIT);
    assertThat(fresh.sandbox().id()).isNotEqualTo(id);
  }

  @Test
  void warmSandboxPastMaximumLifetimeIsReplaced() throws Exception {
    pool(Map.of("pool.min", "1", "max-lifetime", "PT10M")).fillWarm();
    String old = fake.liveSandboxIds().get(0);

    clock.advance(Duration.ofMinutes(10));
    pool.reap();

    assertThat(fake.liveSandboxIds()).hasSize(1).doesNotContain(old);
    assertThat(leases.closed).singleElement().satisfies(l -> {
      assertThat(l.purpose()).isEqualTo(Lease.Purpose.POOL);
      assertThat(l.idlePoolSeconds()).isEqualTo(600);
    });
  }

  @Test
  void orphansOfThisInstallationAreKilledButNotOtherInstallationsOrLiveInstances() throws Exception {
    pool(Map.of());
    Session mine = pool.acquire("ana", FREE_IDLE, WAIT);
    SandboxAddress orphan = client.create(Map.of("installation", "test-install", "instance", "test-instance"));
    SandboxAddress deadInstance = client.create(Map.of("installation", "test-install", "instance", "crashed-node"));
    SandboxAddress liveInstance = client.create(Map.of("installation", "test-install", "instance", "node-2"));
    SandboxAddress other = client.create(Map.of("installation", "someone-else"));
    pool.liveInstances(() -> Set.of("test-instance", "node-2"));

    pool.reap();

    assertThat(fake.liveSandboxIds())
        .containsExactlyInAnyOrder(mine.sandbox().id(), liveInstance.id(), other.id())
        .doesNotContain(orphan.id(), deadInstance.id());
    client.kill(liveInstance.id());
    client.kill(other.id());
  }

  @Test
  void aNearlySpentBudgetHoldsTheWarmPoolAtItsMinimum() throws Exception {
    pool(Map.of("pool.min", "1", "pool.max", "3")).fillWarm();
    pool.acquire("ana", FREE_IDLE, WAIT);
    pool.holdAtMinimum(true);

    pool.reap();

    assertThat(pool.warmCount()).as("a claim would have grown it to 2").isEqualTo(1);
  }

  @Test
  void killAllEndsEverySandboxAndLease() throws Exception {
    pool(Map.of("pool.min", "1")).fillWarm();
    pool.acquire("ana", FREE_IDLE, WAIT);
    pool.acquire("bob", FREE_IDLE, WAIT);
    assertThat(fake.liveSandboxIds()).hasSize(2);

    pool.killAll();

    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(leases.closed).hasSize(2);
    assertThat(pool.live()).isZero();
  }

  @Test
  void neverHoldsMoreThanMaxConcurrentAndEvictsTheLongestIdle() throws Exception {
    pool(Map.of("max-concurrent", "2", "pool.min", "5", "pool.max", "5"));
    Session ana = pool.acquire("ana", FREE_IDLE, WAIT);
    pool.release(ana);
    clock.advance(Duration.ofSeconds(10));
    Session bob = pool.acquire("bob", FREE_IDLE, WAIT);
    pool.release(bob);
    pool.fillWarm();
    assertThat(fake.liveSandboxIds()).hasSize(2);

    Session cid = pool.acquire("cid", FREE_IDLE, WAIT);

    assertThat(fake.liveSandboxIds()).hasSize(2).contains(bob.sandbox().id(), cid.sandbox().id());
    assertThat(pool.sessionOf("ana")).isEmpty();
  }

  @Test
  void whenEverySandboxIsBusyTheRequestQueuesThenGivesUp() throws Exception {
    pool(Map.of("max-concurrent", "1"));
    pool.acquire("ana", FREE_IDLE, WAIT);

    assertThatThrownBy(() -> pool.acquire("bob", FREE_IDLE, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.RATE_LIMITED));
    assertThat(fake.liveSandboxIds()).hasSize(1);
  }

  @Test
  void createRateLimitedPastTheClientsRetriesIsQueuedUntilItSucceeds() throws Exception {
    pool(Map.of());
    fake.faults.retryAfterSeconds = 0;
    fake.faults.rateLimited.set(6);

    Session s = pool.acquire("ana", FREE_IDLE, WAIT);

    assertThat(fake.liveSandboxIds()).containsExactly(s.sandbox().id());
  }

  @Test
  void reaperExtendsTheTtlOfSandboxesInUse() throws Exception {
    pool(Map.of("sandbox-timeout", "PT3S", "idle-timeout.free", "PT1H"));
    Session s = pool.acquire("ana", FREE_IDLE, WAIT);
    Thread.sleep(2000);
    clock.advance(Duration.ofSeconds(2));

    pool.reap();
    Thread.sleep(1500); // past the original 3 s TTL

    assertThat(fake.liveSandboxIds()).containsExactly(s.sandbox().id());
  }

  @Test
  void withoutKnowingWhichInstancesLiveOnlyOurOwnOrphansAreReaped() throws Exception {
    pool(Map.of());
    SandboxAddress ourOrphan = client.create(Map.of("installation", "test-install", "instance", "test-instance"));
    SandboxAddress otherNode = client.create(Map.of("installation", "test-install", "instance", "node-2"));

    pool.reap();

    assertThat(fake.liveSandboxIds()).containsExactly(otherNode.id()).doesNotContain(ourOrphan.id());
    client.kill(otherNode.id());
  }
}
