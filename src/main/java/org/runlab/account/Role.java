package org.runlab.account;

/** What a user may do: learn, administer, or read cost reports. */
public enum Role {
  LEARNER,
  ADMIN,
  FINANCE
}
