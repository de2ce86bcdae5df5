package org.runlab.execution;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the console's run table is narrowed to; null fields do not narrow it. {@code since} keeps
 * every query a range of the created_at index.
 */
public record RunFilter(OffsetDateTime since, String engine, String verdict, String tier, String lesson,
    UUID userId, String ownerKey, String state) {
  public static RunFilter since(OffsetDateTime since) {
    return new RunFilter(since, null, null, null, null, null, null, null);
  }
}
