package org.runlab.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named value Runlab keeps for itself across restarts and cluster members (a signing key). */
@Entity
@Table(name = "app_setting")
public class AppSetting {
  @Id
  @Column(length = 100)
  private String name;

  @Column(name = "setting_value", nullable = false, length = 4000)
  private String value;

  protected AppSetting() {}

  public AppSetting(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
