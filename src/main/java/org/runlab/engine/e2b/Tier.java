package org.runlab.engine.e2b;

/** The learner's plan, which decides how long an idle sandbox is kept for them. */
public enum Tier {
  ANONYMOUS,
  FREE,
  PAID
}
