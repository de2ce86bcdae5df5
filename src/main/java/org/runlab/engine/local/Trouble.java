package org.runlab.engine.local;

/**
 * Why the local engine cannot take runs: a phrase that completes "Runlab's own sandbox ..." for
 * learners, and the detail an operator needs (paths, the system's words) for health and the log.
 */
record Trouble(String phrase, String detail) {
  /** For health and the log. */
  String reason() {
    return "Runlab's own sandbox " + phrase + (detail.isBlank() ? "" : " (" + detail + ")");
  }

  /** The reason with run names and numbers left out: what stays the same while the cause does. */
  String cause() {
    return reason().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*").replaceAll("\\d+", "#");
  }

  /** For the learner: says what is wrong, not where on the host. */
  String forLearner() {
    return "Runlab's own sandbox " + phrase;
  }
}
