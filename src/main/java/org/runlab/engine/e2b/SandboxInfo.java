package org.runlab.engine.e2b;

import java.time.Instant;
import java.util.Map;

/** What the control plane says about a sandbox; {@code cpuCount} and {@code memoryMb} are billed. */
public record SandboxInfo(
    String id,
    String templateId,
    int cpuCount,
    int memoryMb,
    Instant startedAt,
    Instant endAt,
    String state,
    Map<String, String> metadata) {
  public SandboxInfo {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
