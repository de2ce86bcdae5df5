package org.runlab.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A run that shows a finding, as the ledger has it. */
public record AnomalyRun(
    UUID id, Instant createdAt, String learner, String tier, String engine, String lesson, String verdict,
    long wallMs, long cpuMs, long outputBytes, BigDecimal cost, String clientAddress) {

  public UUID getId() {
    return id;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getLearner() {
    return learner;
  }

  public String getEngine() {
    return engine;
  }

  public String getLesson() {
    return lesson;
  }

  public String getVerdict() {
    return verdict;
  }

  public long getWallMs() {
    return wallMs;
  }

  public long getCpuMs() {
    return cpuMs;
  }

  public long getOutputBytes() {
    return outputBytes;
  }

  public BigDecimal getCost() {
    return cost;
  }

  public String getTier() {
    return tier;
  }
}
