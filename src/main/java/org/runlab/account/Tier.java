package org.runlab.account;

/** The service level that decides a learner's limits: visitors are ANONYMOUS, users FREE or PAID. */
public enum Tier {
  ANONYMOUS,
  FREE,
  PAID
}
