package org.runlab.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in a self-describing form: {@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>}, so the iteration count can rise without breaking old
 * hashes.
 */
public final class PasswordHasher {
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final int iterations;

  public PasswordHasher(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations");
    }
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  /** True when {@code password} matches {@code stored}; false for any malformed hash. */
  public boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, rounds));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the same time as a real check, so unknown e-mails cannot be told apart by timing. */
  public void burn(String password) {
    derive(password, new byte[16], iterations);
  }

  private static byte[] derive(String password, byte[] salt, int rounds) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
