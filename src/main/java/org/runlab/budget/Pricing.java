package org.runlab.budget;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.eclipse.microprofile.config.Config;
import org.runlab.engine.EngineId;

/**
 * What running code costs Runlab, the one pricing model for every engine: an E2B sandbox by its
 * size and billed seconds (per vCPU-second and per GiB-second, a GiB being 1024 MiB), a local
 * sandbox by the CPU seconds it used, the browser nothing.
 *
 * <p>Amounts are exact: a 5 ms local run costs about a ten-millionth of a dollar, and a month has
 * millions of them, so nothing is rounded until it is shown ({@link #forDisplay}).
 */
public record Pricing(BigDecimal e2bVcpuSecond, BigDecimal e2bGibSecond, BigDecimal localCpuSecond) {
  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
  private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);

  public static Pricing from(Config c) {
    return new Pricing(
        c.getValue("runlab.e2b.price.vcpu-second", BigDecimal.class),
        c.getValue("runlab.e2b.price.gib-second", BigDecimal.class),
        c.getValue("runlab.cost.local-cpu-second-usd", BigDecimal.class));
  }

  /** What one second of an E2B sandbox of this size costs. Exact: MiB / 1024 always terminates. */
  public BigDecimal e2bPerSecond(int vcpus, int memoryMb) {
    BigDecimal gib = BigDecimal.valueOf(memoryMb).divide(MIB_PER_GIB);
    return e2bVcpuSecond.multiply(BigDecimal.valueOf(vcpus)).add(e2bGibSecond.multiply(gib));
  }

  /** What {@code seconds} billed seconds of an E2B sandbox of this size cost. */
  public BigDecimal e2bSeconds(long seconds, int vcpus, int memoryMb) {
    return e2bPerSecond(vcpus, memoryMb).multiply(BigDecimal.valueOf(seconds));
  }

  /** The share of an E2B sandbox's cost a run of {@code wallTimeMs} milliseconds used. */
  public BigDecimal e2bRun(long wallTimeMs, int vcpus, int memoryMb) {
    return e2bPerSecond(vcpus, memoryMb).multiply(BigDecimal.valueOf(wallTimeMs)).divide(MS_PER_SECOND);
  }

  /** What a run on the local sandbox that used {@code cpuTimeMs} of CPU costs. */
  public BigDecimal localRun(long cpuTimeMs) {
    return localCpuSecond.multiply(BigDecimal.valueOf(cpuTimeMs)).divide(MS_PER_SECOND);
  }

  /**
   * The cost of a finished run on {@code engine}: the local sandbox's CPU, an E2B sandbox's share
   * by wall time (its lease is billed apart, in full), the browser nothing. A new engine adds its
   * price here.
   */
  public BigDecimal run(EngineId engine, long cpuTimeMs, long wallTimeMs, int e2bVcpus, int e2bMemoryMb) {
    return switch (engine) {
      case BROWSER -> BigDecimal.ZERO;
      case LOCAL -> localRun(cpuTimeMs);
      case E2B -> e2bRun(wallTimeMs, e2bVcpus, e2bMemoryMb);
    };
  }

  /** The longest wall time {@code budget} dollars buy of an E2B sandbox of this size, in whole seconds. */
  public long e2bSecondsFor(BigDecimal budget, int vcpus, int memoryMb) {
    BigDecimal perSecond = e2bPerSecond(vcpus, memoryMb);
    return perSecond.signum() <= 0 ? Long.MAX_VALUE : budget.divide(perSecond, 0, RoundingMode.DOWN).longValue();
  }

  /** An amount as people read it: to the cent, or to six places when below a cent. */
  public static BigDecimal forDisplay(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
    return cents.signum() == 0 && amount.signum() != 0
        ? amount.round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros()
        : cents;
  }
}
