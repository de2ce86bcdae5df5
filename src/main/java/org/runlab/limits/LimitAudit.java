package org.runlab.limits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change of a limit override: who, when, what it was and what it became. */
@Entity
@Table(name = "limit_audit")
public class LimitAudit {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 8) private String scope;
  @Column(nullable = false, length = 80) private String subject;
  @Column(name = "changed_by", nullable = false, length = 200) private String changedBy;
  @Column(name = "changed_at", nullable = false) private OffsetDateTime changedAt;
  @Column(name = "old_value", nullable = false, length = 1000) private String oldValue;
  @Column(name = "new_value", nullable = false, length = 1000) private String newValue;

  protected LimitAudit() {}

  LimitAudit(String scope, String subject, String changedBy, OffsetDateTime changedAt, String oldValue,
      String newValue) {
    this.scope = scope;
    this.subject = subject;
    this.changedBy = changedBy;
    this.changedAt = changedAt;
    this.oldValue = oldValue;
    this.newValue = newValue;
  }

  public String getScope() {
    return scope;
  }

  public String getSubject() {
    return subject;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public OffsetDateTime getChangedAt() {
    return changedAt;
  }

  public String getOldValue() {
    return oldValue;
  }

  public String getNewValue() {
    return newValue;
  }
}
