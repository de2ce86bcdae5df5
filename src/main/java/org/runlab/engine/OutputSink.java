package org.runlab.engine;

/** Receives a program's output while it runs. Called from engine threads; must not block long. */
public interface OutputSink {
  void stdout(String chunk);

  void stderr(String chunk);

  /**
   * What the engine is doing before the program starts, one line at a time ("Installing 3
   * packages…", pip's own lines); not the program's output.
   */
  default void progress(String line) {}

  /** The program waits for input the learner has not sent yet (interactive runs only). */
  default void awaitingInput() {}

  /** A sink that drops everything. */
  OutputSink NONE =
      new OutputSink() {
        @Override
        public void stdout(String chunk) {}

        @Override
        public void stderr(String chunk) {}
      };
}
