package org.runlab.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentitySignerTest {
  private final IdentitySigner signer = new IdentitySigner(key((byte) 7));

  private static byte[] key(byte fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, fill);
    return k;
  }

  @Test
  void readsBackTheIdentityItSigned() {
    UUID id = UUID.randomUUID();
    assertThat(signer.verify(signer.sign(id))).contains(id);
  }

  @Test
  void rejectsATokenWhoseIdWasChanged() {
    String token = signer.sign(UUID.randomUUID());
    String forged = UUID.randomUUID() + token.substring(36);
    assertThat(signer.verify(forged)).isEmpty();
  }

  @Test
  void rejectsATokenSignedWithAnotherKey() {
    String token = new IdentitySigner(key((byte) 8)).sign(UUID.randomUUID());
    assertThat(signer.verify(token)).isEmpty();
  }

  @Test
  void rejectsMalformedTokens() {
    assertThat(signer.verify(null)).isEmpty();
    assertThat(signer.verify("")).isEmpty();
    assertThat(signer.verify("not-a-token")).isEmpty();
    assertThat(signer.verify("x".repeat(500))).isEmpty();
  }
}
