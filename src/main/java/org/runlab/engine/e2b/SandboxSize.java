package org.runlab.engine.e2b;

/** What E2B bills a sandbox by: its vCPUs and memory. */
public record SandboxSize(int vcpus, int memoryMb) {
  /** The code interpreter template's size, assumed until E2B reports a sandbox of ours. */
  public static final SandboxSize CODE_INTERPRETER = new SandboxSize(2, 2048);
}
