package org.runlab.engine;

/** How a run ended, in the words a learner's status line uses. */
public enum Verdict {
  OK("finished"),
  RUNTIME_ERROR("stopped with an error"),
  TIME_LIMIT("ran longer than the time limit"),
  CPU_LIMIT("used more CPU time than allowed"),
  MEMORY_LIMIT("used more memory than allowed"),
  OUTPUT_LIMIT("printed more output than allowed"),
  REFUSED("was refused"),
  ENGINE_ERROR("could not be run because of a server problem"),
  CANCELLED("was stopped");

  private final String plainWords;

  Verdict(String plainWords) {
    this.plainWords = plainWords;
  }

  /** A short phrase completing "Your program ...". */
  public String plainWords() {
    return plainWords;
  }
}
