package org.runlab.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks e-mail and password against the database. The caller name is the user's id, which stays
 * stable if the e-mail address changes; the groups are the user's roles.
 */
@ApplicationScoped
public class RunlabIdentityStore implements IdentityStore {
  @Inject private AccountService accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return accounts
        .authenticate(login.getCaller(), login.getPasswordAsString())
        .filter(user -> !user.isDisabled())
        .map(
            user -> {
              Set<String> groups =
                  user.getRoles().stream().map(Role::name).collect(Collectors.toSet());
              return new CredentialValidationResult(user.getId().toString(), groups);
            })
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
