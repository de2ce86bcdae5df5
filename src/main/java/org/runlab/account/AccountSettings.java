package org.runlab.account;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * How accounts and identities work.
 *
 * @param adminEmail {@code runlab.admin.email}: the first admin, made when there is none
 * @param adminPassword {@code runlab.admin.password}; empty: a random one, printed once
 * @param trustedProxies {@code runlab.trusted-proxies}: addresses or CIDR ranges whose
 *     X-Forwarded-For is believed; empty: none
 * @param pbkdf2Iterations PBKDF2-HMAC-SHA256 iterations for new password hashes
 */
public record AccountSettings(
    String adminEmail, Optional<String> adminPassword, String trustedProxies, int pbkdf2Iterations) {
  public static AccountSettings from(Config c) {
    return new AccountSettings(
        c.getValue("runlab.admin.email", String.class).trim(),
        c.getOptionalValue("runlab.admin.password", String.class).filter(p -> !p.isEmpty()),
        c.getOptionalValue("runlab.trusted-proxies", String.class).orElse(""),
        c.getValue("runlab.account.pbkdf2-iterations", Integer.class));
  }
}
