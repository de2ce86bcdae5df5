package org.runlab.quota;

import org.eclipse.microprofile.config.Config;

/**
 * How visitors and new accounts share an address's runs.
 *
 * @param anonymousAddressFactor a visitor's runs also draw from their client address's budget:
 *     the ANONYMOUS limits times this
 * @param accountsPerAddressHour FREE accounts running code from one address in an hour beyond
 *     this many are flagged and share the address's visitor budget; 0: off
 */
public record QuotaSettings(int anonymousAddressFactor, int accountsPerAddressHour) {
  public static QuotaSettings from(Config c) {
    return new QuotaSettings(
        c.getValue("runlab.quota.anonymous-address-factor", Integer.class),
        c.getValue("runlab.quota.accounts-per-address-hour", Integer.class));
  }
}
