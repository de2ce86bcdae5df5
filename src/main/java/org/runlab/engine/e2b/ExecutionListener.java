package org.runlab.engine.e2b;

/** Told about output as it streams; called on the reading thread, so it must not block long. */
public interface ExecutionListener {
  void stdout(String text);

  void stderr(String text);

  /** A listener that ignores everything. */
  ExecutionListener NONE =
      new ExecutionListener() {
        @Override
        public void stdout(String text) {}

        @Override
        public void stderr(String text) {}
      };
}
