package org.runlab.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything an engine needs to run a learner's program.
 *
 * @param files the learner's files, relative paths to UTF-8 content
 * @param entry the path of the file to run, one of {@code files}
 * @param stdin what the program reads from standard input
 * @param limits what the run may use
 * @param owner who runs it (a learner or anonymous identity key); engines that keep per-learner
 *     state, such as E2B sessions, key it by this
 * @param sessionIdle how long an engine that keeps the learner's state between runs may keep it
 *     after this run (zero: not at all)
 * @param install whether and for how long the run may install its project's requirements
 * @param environment the lesson's environment, made ready before the run; {@link Environment#NONE}
 * @param tier the learner's tier name in lower case ("paid"), for engine settings that differ by
 *     tier, such as E2B's template per tier; empty when none applies
 */
public record RunSpec(
    List<ProjectFile> files,
    String entry,
    String stdin,
    Limits limits,
    String owner,
    Duration sessionIdle,
    InstallPolicy install,
    Environment environment,
    String tier) {
  public RunSpec {
    files = List.copyOf(files);
    Objects.requireNonNull(entry, "entry");
    stdin = stdin == null ? "" : stdin;
    Objects.requireNonNull(limits, "limits");
    owner = owner == null ? "" : owner;
    sessionIdle = sessionIdle == null ? Duration.ZERO : sessionIdle;
    install = install == null ? InstallPolicy.NONE : install;
    environment = environment == null ? Environment.NONE : environment;
    tier = tier == null ? "" : tier;
  }

  /** A run of no particular tier. */
  public RunSpec(
      List<ProjectFile> files,
      String entry,
      String stdin,
      Limits limits,
      String owner,
      Duration sessionIdle,
      InstallPolicy install,
      Environment environment) {
    this(files, entry, stdin, limits, owner, sessionIdle, install, environment, "");
  }

  /** A run that keeps state for {@code sessionIdle} but installs nothing and has no environment. */
  public RunSpec(
      List<ProjectFile> files, String entry, String stdin, Limits limits, String owner, Duration sessionIdle) {
    this(files, entry, stdin, limits, owner, sessionIdle, InstallPolicy.NONE, Environment.NONE);
  }

  /** A run whose learner keeps no state between runs. */
  public RunSpec(List<ProjectFile> files, String entry, String stdin, Limits limits, String owner) {
    this(files, entry, stdin, limits, owner, Duration.ZERO);
  }

  /** This run with other limits. */
  public RunSpec withLimits(Limits other) {
    return new RunSpec(files, entry, stdin, other, owner, sessionIdle, install, environment, tier);
  }

  /** This run with the lesson's environment. */
  public RunSpec withEnvironment(Environment other) {
    return new RunSpec(files, entry, stdin, limits, owner, sessionIdle, install, other, tier);
  }

  /** This run as one of {@code name}'s tier. */
  public RunSpec withTier(String name) {
    return new RunSpec(files, entry, stdin, limits, owner, sessionIdle, install, environment, name);
  }
}
