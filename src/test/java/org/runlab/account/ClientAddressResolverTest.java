package org.runlab.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
  @Test
  void ignoresForwardedForFromAnUntrustedClient() {
    ClientAddressResolver resolver = new ClientAddressResolver("10.0.0.1");
    assertThat(resolver.resolve("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
  }

  @Test
  void ignoresForwardedForWhenNoProxyIsTrusted() {
    assertThat(new ClientAddressResolver("").resolve("127.0.0.1", "1.2.3.4")).isEqualTo("127.0.0.1");
  }

  @Test
  void takesTheClientBehindATrustedProxy() {
    ClientAddressResolver resolver = new ClientAddressResolver("10.0.0.0/8");
    assertThat(resolver.resolve("10.0.0.5", "198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void takesTheRightMostUntrustedHopSoAClientCannotSpoofIt() {
    ClientAddressResolver resolver = new ClientAddressResolver("10.0.0.0/8, 192.168.1.1");
    assertThat(resolver.resolve("10.0.0.5", "6.6.6.6, 198.51.100.7, 192.168.1.1"))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void fallsBackToTheRemoteAddressOnGarbage() {
    ClientAddressResolver resolver = new ClientAddressResolver("10.0.0.5");
    assertThat(resolver.resolve("10.0.0.5", "evil.example.org")).isEqualTo("10.0.0.5");
    assertThat(resolver.resolve("10.0.0.5", "<script>")).isEqualTo("10.0.0.5");
  }

  @Test
  void matchesIpv6Ranges() {
    ClientAddressResolver resolver = new ClientAddressResolver("fd00::/8");
    assertThat(resolver.resolve("fd00::1", "2001:db8::7")).isEqualTo("2001:db8::7");
  }

  @Test
  void refusesAMisconfiguredProxyList() {
    assertThatThrownBy(() -> new ClientAddressResolver("proxy.example.org"))
        .hasMessageContaining("runlab.trusted-proxies");
  }
}
