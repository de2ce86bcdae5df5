package org.runlab.execution;

/**
 * What one run request may carry.
 *
 * @param maxFiles {@code runlab.run.max-files}
 * @param maxBytes {@code runlab.run.max-bytes}, all files together, UTF-8
 * @param maxStdinBytes {@code runlab.run.max-stdin-bytes}
 * @param maxRequestBytes {@code runlab.run.max-request-bytes}, the whole JSON body
 */
public record RunLimits(int maxFiles, long maxBytes, int maxStdinBytes, int maxRequestBytes) {
  public static RunLimits defaults() {
    return new RunLimits(20, 512 * 1024, 64 * 1024, 2 * 1024 * 1024);
  }
}
