package org.runlab.account;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** A sign-up or account change refused, with every broken rule; nothing was written. */
@ApplicationException(rollback = true)
public class AccountException extends RuntimeException {
  private final List<AccountRules.Problem> problems;

  public AccountException(List<AccountRules.Problem> problems) {
    super(problems.isEmpty() ? "refused" : problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  public List<AccountRules.Problem> problems() {
    return problems;
  }
}
