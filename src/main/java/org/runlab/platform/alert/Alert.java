package org.runlab.platform.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An alert raised once per cluster: a budget stage reached, a spending anomaly, many accounts on
 * one address. {@code dedupeKey} is unique, so the member that stores it first is the one that tells.
 */
@Entity
@Table(name = "budget_alert")
public class Alert {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dedupe_key", nullable = false, length = 160) private String dedupeKey;
  @Column(nullable = false, length = 32) private String kind;
  @Column(nullable = false, length = 1000) private String message;
  @Column(name = "raised_at", nullable = false) private OffsetDateTime raisedAt;

  protected Alert() {}

  Alert(String dedupeKey, String kind, String message, OffsetDateTime raisedAt) {
    this.dedupeKey = dedupeKey;
    this.kind = kind;
    this.message = message.length() > 1000 ? message.substring(0, 1000) : message;
    this.raisedAt = raisedAt;
  }

  public String getKind() {
    return kind;
  }

  public String getMessage() {
    return message;
  }

  public OffsetDateTime getRaisedAt() {
    return raisedAt;
  }
}
