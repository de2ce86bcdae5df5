package org.runlab.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and checks anonymous identity tokens: {@code <uuid>.<HMAC-SHA256 of the uuid>}. */
public final class IdentitySigner {
  private final SecretKeySpec key;

  public IdentitySigner(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the signing key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  public String sign(UUID id) {
    return id + "." + mac(id.toString());
  }

  /** The identity in a token, if the token is well formed and its signature is ours. */
  public Optional<UUID> verify(String token) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot != 36) {
      return Optional.empty();
    }
    String id = token.substring(0, dot);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sig = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
