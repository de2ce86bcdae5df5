package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.e2b.fake.FakeE2b;

/** The control plane against the fake: every endpoint and every fault. */
class E2bClientControlPlaneTest {
  private FakeE2b fake;
  private E2bClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    client = E2bTestSupport.client(fake);
  }

  @AfterEach
  void stop() {
    fake.liveSandboxIds().forEach(client::kill);
    assertThat(fake.liveSandboxIds()).isEmpty();
    fake.close();
    assertThat(fake.livePythonProcesses()).isZero();
  }

  @Test
  void createsSecureSandboxWithOurTagsAndNoInternet() {
    SandboxAddress s = client.create(Map.of("installation", "i1", "purpose", "pool"));

    assertThat(s.id()).matches("i[a-z0-9]{20}");
    assertThat(s.accessToken()).isNotBlank();
    assertThat(fake.metadataOf(s.id())).containsEntry("installation", "i1").containsEntry("purpose", "pool");
    assertThat(fake.internetOf(s.id())).isFalse();
  }

  @Test
  void getReadsTheBilledSize() {
    SandboxAddress s = client.create(Map.of());

    SandboxInfo info = client.get(s.id());

    assertThat(info.cpuCount()).isEqualTo(2);
    assertThat(info.memoryMb()).isEqualTo(2048);
    assertThat(info.endAt()).isAfter(Instant.now());
  }

  @Test
  void listFindsOnlyOurTagAcrossPages() {
    fake.faults.maxPageSize = 2;
    for (int i = 0; i < 5; i++) {
      client.create(Map.of("installation", "ours", "n", "v w+" + i));
    }
    client.create(Map.of("installation", "theirs"));

    List<SandboxInfo> ours = client.list(Map.of("installation", "ours"));

    assertThat(ours).hasSize(5).allSatisfy(s -> assertThat(s.metadata()).containsEntry("installation", "ours"));
    assertThat(client.list(Map.of("n", "v w+3"))).hasSize(1);
  }

  @Test
  void killIsTrueOnceThenFalse() {
    SandboxAddress s = client.create(Map.of());

    assertThat(client.kill(s.id())).isTrue();
    assertThat(client.kill(s.id())).isFalse();
    assertThat(fake.liveSandboxIds()).doesNotContain(s.id());
  }

  @Test
  void setTimeoutMovesTheExpiry() {
    SandboxAddress s = client.create(Map.of());

    client.setTimeout(s.id(), Duration.ofSeconds(30));

    Instant end = client.get(s.id()).endAt();
    assertThat(end).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
  }

  @Test
  void connectReturnsAFreshHandle() {
    SandboxAddress s = client.create(Map.of());

    SandboxAddress again = client.connect(s.id(), Duration.ofMinutes(5));

    assertThat(again.id()).isEqualTo(s.id());
    assertThat(again.accessToken()).isEqualTo(s.accessToken());
  }

  @Test
  void expiredSandboxIsGone() throws Exception {
    E2bClient shortLived = E2bTestSupport.client(E2bTestSupport.settings(fake, Map.of("sandbox-timeout", "PT1S")));
    SandboxAddress s = shortLived.create(Map.of());

    Thread.sleep(1200);

    assertThatThrownBy(() -> client.get(s.id()))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.SANDBOX_GONE));
    assertThatThrownBy(() -> client.sandbox().awaitInterpreter(s, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.SANDBOX_GONE));
  }

  @Test
  void unauthorizedIsReportedAsSuch() {
    fake.faults.unauthorized = true;

    assertThatThrownBy(() -> client.create(Map.of()))
        .isInstanceOfSatisfying(E2bException.class, e -> {
          assertThat(e.kind()).isEqualTo(E2bException.Kind.UNAUTHORIZED);
          assertThat(e.getMessage()).contains("Invalid API key");
        });
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfter() {
    fake.faults.rateLimited.set(1);
    fake.faults.retryAfterSeconds = 1;
    long start = System.nanoTime();

    SandboxAddress s = client.create(Map.of());

    assertThat(s.id()).isNotBlank();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void persistentRateLimitReachesTheCallerWithRetryAfter() {
    fake.faults.rateLimited.set(10);
    fake.faults.retryAfterSeconds = 30;

    assertThatThrownBy(() -> client.create(Map.of()))
        .isInstanceOfSatisfying(E2bException.class, e -> {
          assertThat(e.kind()).isEqualTo(E2bException.Kind.RATE_LIMITED);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
  }

  @Test
  void serverErrorOnCreateIsRetriedAndTheHalfCreatedSandboxKilled() {
    fake.faults.createServerErrors.set(1);
    fake.faults.failedCreateLeavesSandbox = true;

    SandboxAddress s = client.create(Map.of("installation", "i1"));

    assertThat(fake.liveSandboxIds()).containsExactly(s.id());
  }

  @Test
  void nonJsonGatewayTimeoutOnCreateIsRetriedAndTheHalfCreatedSandboxKilled() {
    fake.faults.createGatewayTimeouts.set(2);
    fake.faults.failedCreateLeavesSandbox = true;

    SandboxAddress s = client.create(Map.of());

    assertThat(fake.liveSandboxIds()).containsExactly(s.id());
  }

  @Test
  void createGivesUpAfterRepeatedServerErrors() {
    fake.faults.createServerErrors.set(5);

    assertThatThrownBy(() -> client.create(Map.of()))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.SERVER));
    assertThat(fake.liveSandboxIds()).isEmpty();
  }

  @Test
  void metadataFilterIsEncodedThreeTimesLikeTheSdk() {
    assertThat(E2bClient.metadataFilter(Map.of("a", "b c"))).isEqualTo("a%3Db%252520c");
  }
}
