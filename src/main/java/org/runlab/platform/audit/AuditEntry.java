package org.runlab.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change made in the console: who made it, when, to what, the old and new value, and why. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "changed_at", nullable = false) private OffsetDateTime at;
  @Column(nullable = false, length = 254) private String actor;
  @Column(nullable = false, length = 64) private String action;
  @Column(nullable = false, length = 300) private String subject;
  @Column(name = "old_value", length = 4000) private String oldValue;
  @Column(name = "new_value", length = 4000) private String newValue;
  @Column(length = 1000) private String reason;

  protected AuditEntry() {}

  AuditEntry(OffsetDateTime at, String actor, String action, String subject, String oldValue, String newValue,
      String reason) {
    this.at = at;
    this.actor = cut(actor, 254);
    this.action = cut(action, 64);
    this.subject = cut(subject, 300);
    this.oldValue = cut(oldValue, 4000);
    this.newValue = cut(newValue, 4000);
    this.reason = cut(reason, 1000);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  public Long getId() {
    return id;
  }

  public OffsetDateTime getAt() {
    return at;
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getSubject() {
    return subject;
  }

  public String getOldValue() {
    return oldValue;
  }

  public String getNewValue() {
    return newValue;
  }

  public String getReason() {
    return reason;
  }
}
