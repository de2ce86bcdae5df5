package org.runlab.engine;

import java.util.function.Consumer;

/**
 * Makes a lesson environment's requirements ready on an engine ahead of its runs: the local
 * engine builds them into a cached layer, so the lesson's runs install nothing themselves.
 */
public interface EnvironmentBuilder {
  /** How a build ended: ready or not, and a line that says so ("ready: 3 packages, 12.4 MiB"). */
  record Outcome(boolean ready, String summary) {}

  /**
   * Builds the environment's requirements, or finds them cached, writing progress and the
   * installer's messages to {@code log} line by line. Never throws for a bad requirement or a
   * build that fails: the outcome and the log say why.
   */
  Outcome build(Environment environment, Consumer<String> log);
}
