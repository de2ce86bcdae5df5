package org.runlab.engine.e2b;

import java.time.Instant;
import java.util.UUID;

/**
 * One sandbox's life as E2B bills it: opened when E2B created it, claimed when a warm sandbox went
 * to a learner, closed when it was killed. Seconds before the claim are idle pool seconds. What a
 * second costs is not known here: the application prices the seconds with its one pricing model.
 *
 * @param vcpus and {@code memoryMb}: as E2B reported them, which is what is billed
 * @param seconds billed seconds of the whole life (a started second counts), once closed
 * @param idlePoolSeconds of those, the seconds it waited in the warm pool before a learner took it
 */
public record Lease(
    UUID id,
    String sandboxId,
    String template,
    int vcpus,
    int memoryMb,
    Purpose purpose,
    String learner,
    Instant created,
    Instant claimed,
    Instant ended,
    long seconds,
    long idlePoolSeconds) {

  /** Why the sandbox was created. */
  public enum Purpose {
    /** Pre-created for the warm pool; idle until claimed. */
    POOL,
    /** Created for a learner who found the pool empty. */
    SESSION
  }

  /** A lease just opened. */
  static Lease open(UUID id, SandboxInfo info, Purpose purpose, String learner, Instant created) {
    return new Lease(
        id, info.id(), info.templateId(), info.cpuCount(), info.memoryMb(), purpose, learner,
        created, purpose == Purpose.SESSION ? created : null, null, 0, 0);
  }

  Lease claim(String who, Instant at) {
    return new Lease(
        id, sandboxId, template, vcpus, memoryMb, purpose, who, created, at, ended, seconds, idlePoolSeconds);
  }

  /** Closes the lease at {@code at}, counting its billed seconds and its idle pool part. */
  Lease close(Instant at) {
    Instant idleUntil = claimed == null ? at : claimed;
    long total = billedSeconds(created, at);
    long idle = Math.min(total, billedSeconds(created, idleUntil));
    return new Lease(
        id, sandboxId, template, vcpus, memoryMb, purpose, learner, created, claimed, at, total, idle);
  }

  /** Whole seconds from {@code from} to {@code to} as E2B bills them: a started second counts as one. */
  public static long billedSeconds(Instant from, Instant to) {
    java.time.Duration d = java.time.Duration.between(from, to);
    if (d.isNegative() || d.isZero()) {
      return 0;
    }
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }
}
