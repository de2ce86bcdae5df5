package org.runlab.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.runlab.platform.AppConfig;

/**
 * Creates the first admin account when the database has none, with the ADMIN and FINANCE roles
 * (so the first operator sees the finance pages too). The password comes from {@code
 * runlab.admin.password}, or is random and printed once to the console.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
  /** The start of the log line that tells bin/runlab why Runlab refused to start. */
  public static final String REFUSED = "RUNLAB START REFUSED: ";
  private static final String ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  @Inject private AccountService accounts;

  @Inject private AppConfig config;

  @PostConstruct
  void createFirstAdmin() {
    if (accounts.countWithRole(Role.ADMIN) > 0) {
      return;
    }
    AccountSettings settings = AccountSettings.from(config.get());
    String email = settings.adminEmail();
    Optional<String> configuredPassword = settings.adminPassword();
    String password = configuredPassword.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::random);
    try {
      accounts.create(
          email, "Administrator", password, EnumSet.of(Role.ADMIN, Role.FINANCE, Role.LEARNER), null);
    } catch (AccountException e) {
      if (configuredPassword.filter(p -> !p.isBlank()).isEmpty()) {
        throw e;
      }
      // bin/runlab start looks for this line and stops with it on the terminal; failing here
      // stops the deployment rather than leaving a Runlab that nobody can administer.
      String why = e.problems().stream().map(p -> p.message()).reduce((a, b) -> a + " " + b).orElse(e.getMessage());
      LOG.severe(REFUSED + "runlab.admin.password is not accepted for " + email + ": " + why);
      throw new IllegalStateException("runlab.admin.password is not accepted: " + why, e);
    }
    if (configuredPassword.filter(p -> !p.isBlank()).isPresent()) {
      LOG.info("RUNLAB ADMIN LOGIN: " + email + " (password from runlab.admin.password)");
    } else {
      LOG.warning(
          "RUNLAB ADMIN LOGIN: " + email + " / " + password + "  (shown once: write it down)");
    }
  }

  private static String random() {
    SecureRandom rnd = new SecureRandom();
    StringBuilder sb = new StringBuilder("Rl-");
    for (int i = 0; i < 18; i++) {
      sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.append('7').toString();
  }
}
