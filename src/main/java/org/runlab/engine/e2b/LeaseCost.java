package org.runlab.engine.e2b;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * What a sandbox costs: billed seconds x (vCPUs x price per vCPU-second + GiB x price per
 * GiB-second), in dollars rounded half-up to the micro-dollar. E2B bills per started second on
 * the allocated (not used) CPU and memory, 1 GiB being 1024 MiB.
 */
public final class LeaseCost {
  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

  private LeaseCost() {}

  /** Whole seconds from {@code from} to {@code to}, a started second counting as one. */
  public static long billedSeconds(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.isNegative() || d.isZero()) {
      return 0;
    }
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  /** The dollar rate per second of a sandbox of this size. Exact: MiB / 1024 always terminates. */
  public static BigDecimal perSecond(
      int vcpus, int memoryMb, BigDecimal pricePerVcpuSecond, BigDecimal pricePerGibSecond) {
    BigDecimal gib = BigDecimal.valueOf(memoryMb).divide(MIB_PER_GIB);
    return pricePerVcpuSecond.multiply(BigDecimal.valueOf(vcpus)).add(pricePerGibSecond.multiply(gib));
  }

  /** The cost of {@code seconds} of a sandbox of this size, to the micro-dollar. */
  public static BigDecimal of(
      long seconds, int vcpus, int memoryMb, BigDecimal pricePerVcpuSecond, BigDecimal pricePerGibSecond) {
    return perSecond(vcpus, memoryMb, pricePerVcpuSecond, pricePerGibSecond)
        .multiply(BigDecimal.valueOf(seconds))
        .setScale(6, RoundingMode.HALF_UP);
  }

  /** The cost of a sandbox of this size between two instants, with the settings' prices. */
  public static BigDecimal between(Instant from, Instant to, int vcpus, int memoryMb, E2bSettings s) {
    return of(billedSeconds(from, to), vcpus, memoryMb, s.priceVcpuSecond(), s.priceGibSecond());
  }
}
