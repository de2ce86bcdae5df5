package org.runlab.engine.local;

/**
 * A run cgroup's counters.
 *
 * @param memoryBytes memory charged now
 * @param peakBytes the most memory charged since creation or the last reset
 * @param cpuNanos CPU time of every task, living or dead
 * @param oomKills tasks the kernel killed for memory
 * @param tasks processes and threads now
 */
public record CgroupUsage(
    long memoryBytes, long peakBytes, long cpuNanos, long oomKills, long tasks) {}
