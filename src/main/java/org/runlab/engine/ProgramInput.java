package org.runlab.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the learner types while their program runs, on its way to the program's standard input.
 * The caller sends text (or the end of input); an engine that can feed a running program takes
 * it piece by piece. A run that is not interactive, or has ended, takes nothing.
 */
public final class ProgramInput {
  /** The end of input, as taken by an engine. */
  public static final String END = new String("\u0004");

  private final boolean interactive;
  private final LinkedBlockingQueue<String> pieces = new LinkedBlockingQueue<>();
  private volatile boolean open;

  private ProgramInput(boolean interactive) {
    this.interactive = interactive;
    this.open = interactive;
  }

  /** Input the program gets only at its start (the request's stdin). */
  public static ProgramInput none() {
    return new ProgramInput(false);
  }

  /** Input the learner may keep sending while the program runs. */
  public static ProgramInput interactive() {
    return new ProgramInput(true);
  }

  public boolean isInteractive() {
    return interactive;
  }

  /** Whether the program may still get input. */
  public boolean isOpen() {
    return open;
  }

  /** Queues {@code text} for the program; false when it no longer takes input. */
  public boolean send(String text) {
    if (!open) {
      return false;
    }
    pieces.add(text);
    return true;
  }

  /** Ends the program's input (its next read sees end of file); false when already ended. */
  public boolean end() {
    if (!open) {
      return false;
    }
    open = false;
    pieces.add(END);
    return true;
  }

  /** The run is over: nothing more is taken. */
  public void close() {
    open = false;
  }

  /**
   * For engines: the next piece sent, {@link #END} at the end of input, or null when nothing came
   * within {@code millis}.
   */
  public String take(long millis) throws InterruptedException {
    return pieces.poll(millis, TimeUnit.MILLISECONDS);
  }
}
