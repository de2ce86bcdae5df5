package org.runlab.engine;

/** Whether an engine can take runs now, and if not, why (shown on health and to learners). */
public record Availability(boolean available, String reason) {
  public static Availability up() {
    return new Availability(true, "available");
  }

  public static Availability down(String reason) {
    return new Availability(false, reason);
  }
}
