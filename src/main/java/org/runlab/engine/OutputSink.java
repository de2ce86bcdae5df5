package org.runlab.engine;

/** Receives a program's output while it runs. Called from engine threads; must not block long. */
public interface OutputSink {
  void stdout(String chunk);

  void stderr(String chunk);

  /** The program waits for input the learner has not sent yet (interactive runs only). */
  default void awaitingInput() {}

  /**
   * What the engine does before the program starts, for the page to show while the learner waits
   * ("Installing 3 packages…"); not part of the program's output.
   */
  default void progress(String message) {}

  /** A sink that drops everything. */
  OutputSink NONE =
      new OutputSink() {
        @Override
        public void stdout(String chunk) {}

        @Override
        public void stderr(String chunk) {}
      };
}
