package org.runlab.engine;

import java.time.Duration;

/** What one run may use. Engines enforce every field they can and report the one that was hit. */
public record Limits(
    Duration wallTime,
    Duration cpuTime,
    long memoryBytes,
    int processes,
    long outputBytes,
    long fileBytes) {

  /** The FREE tier's defaults; a starting point for tests and tools. */
  public static Limits defaults() {
    return new Limits(
        Duration.ofSeconds(10), Duration.ofSeconds(10), 256L << 20, 64, 64L << 10, 10L << 20);
  }

  public Limits withWallTime(Duration d) {
    return new Limits(d, cpuTime, memoryBytes, processes, outputBytes, fileBytes);
  }

  public Limits withCpuTime(Duration d) {
    return new Limits(wallTime, d, memoryBytes, processes, outputBytes, fileBytes);
  }

  public Limits withMemoryBytes(long bytes) {
    return new Limits(wallTime, cpuTime, bytes, processes, outputBytes, fileBytes);
  }

  public Limits withOutputBytes(long bytes) {
    return new Limits(wallTime, cpuTime, memoryBytes, processes, bytes, fileBytes);
  }

  public Limits withFileBytes(long bytes) {
    return new Limits(wallTime, cpuTime, memoryBytes, processes, outputBytes, bytes);
  }

  public Limits withProcesses(int count) {
    return new Limits(wallTime, cpuTime, memoryBytes, count, outputBytes, fileBytes);
  }
}
