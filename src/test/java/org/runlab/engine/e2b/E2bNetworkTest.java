package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.engine.e2b.fake.FakeNetwork;

/** The network calls on the wire, and the fake holding sandboxes to E2B's rules for them. */
class E2bNetworkTest {
  private FakeE2b fake;
  private E2bClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    client = E2bTestSupport.client(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aSandboxCreatedClosedDeniesAllTraffic() {
    SandboxAddress s = client.create(Map.of());

    assertThat(fake.internetOf(s.id())).isFalse();
    assertThat(fake.networkOf(s.id())).isEqualTo(new FakeNetwork(List.of(), List.of("0.0.0.0/0")));
  }

  @Test
  void onlyTheIndexIsAllowedAndAnUpdateReplacesBothLists() {
    SandboxAddress s = client.create(Map.of(), "code-interpreter-v1", Egress.only(List.of("index.example.test")));
    assertThat(fake.networkOf(s.id()).allows("index.example.test")).isTrue();
    assertThat(fake.networkOf(s.id()).allows("elsewhere.example.test")).isFalse();

    client.updateNetwork(s.id(), Egress.CLOSED);

    assertThat(fake.networkOf(s.id()).allows("index.example.test")).isFalse();
    assertThat(fake.networkOf(s.id()).closed()).isTrue();
    assertThat(fake.calls(s.id())).extracting(c -> c.kind()).containsExactly("create", "network");
  }

  @Test
  void anEmptyUpdateOpensTheSandboxAsE2bDoes() {
    SandboxAddress s = client.create(Map.of());

    client.updateNetwork(s.id(), Egress.OPEN);

    assertThat(fake.networkOf(s.id()).allows("anywhere.example.test")).isTrue();
  }

  @Test
  void theFakeRefusesRulesE2bRefuses() {
    SandboxAddress s = client.create(Map.of());

    assertThatThrownBy(() -> client.updateNetwork(s.id(), new Egress(List.of("index.example.test"), List.of())))
        .isInstanceOf(E2bException.class).hasMessageContaining("requires denyOut to contain 0.0.0.0/0");
    assertThatThrownBy(() -> client.updateNetwork(s.id(), new Egress(List.of(), List.of("example.test"))))
        .isInstanceOf(E2bException.class).hasMessageContaining("only IP addresses and CIDR blocks");
    assertThatThrownBy(() -> client.updateNetwork("inosuchsandbox000000", Egress.CLOSED))
        .isInstanceOf(E2bException.class)
        .satisfies(e -> assertThat(((E2bException) e).kind()).isEqualTo(E2bException.Kind.SANDBOX_GONE));
  }
}
