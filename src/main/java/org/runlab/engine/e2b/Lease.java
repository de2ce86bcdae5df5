package org.runlab.engine.e2b;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One sandbox's bill: opened when E2B created it, claimed when a warm sandbox went to a learner,
 * closed when it was killed. Seconds before the claim are idle pool seconds.
 *
 * @param vcpus and {@code memoryMb}: as E2B reported them, which is what is billed
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
    long idlePoolSeconds,
    BigDecimal cost,
    BigDecimal idlePoolCost) {

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
        created, purpose == Purpose.SESSION ? created : null, null, 0, 0, null, null);
  }

  Lease claim(String who, Instant at) {
    return new Lease(
        id, sandboxId, template, vcpus, memoryMb, purpose, who, created, at, ended, seconds,
        idlePoolSeconds, cost, idlePoolCost);
  }

  /** Closes the lease at {@code at}, pricing its whole life and its idle pool part. */
  Lease close(Instant at, E2bSettings s) {
    Instant idleUntil = claimed == null ? at : claimed;
    long total = LeaseCost.billedSeconds(created, at);
    long idle = Math.min(total, LeaseCost.billedSeconds(created, idleUntil));
    return new Lease(
        id, sandboxId, template, vcpus, memoryMb, purpose, learner, created, claimed, at, total,
        idle,
        LeaseCost.of(total, vcpus, memoryMb, s.priceVcpuSecond(), s.priceGibSecond()),
        LeaseCost.of(idle, vcpus, memoryMb, s.priceVcpuSecond(), s.priceGibSecond()));
  }
}
