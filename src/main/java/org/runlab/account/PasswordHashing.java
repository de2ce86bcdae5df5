package org.runlab.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.runlab.platform.AppConfig;

/** The application's {@link PasswordHasher}, with its iteration count from configuration. */
@ApplicationScoped
public class PasswordHashing {
  private PasswordHasher hasher;

  protected PasswordHashing() {}

  @Inject
  public PasswordHashing(AppConfig config) {
    this.hasher = new PasswordHasher(AccountSettings.from(config.get()).pbkdf2Iterations());
  }

  public String hash(String password) {
    return hasher.hash(password);
  }

  public boolean verify(String password, String stored) {
    return hasher.verify(password, stored);
  }

  public void burn(String password) {
    hasher.burn(password);
  }
}
