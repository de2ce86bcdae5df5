package org.runlab.engine.selection;

/** A capability a program uses, found in its source; some of them the browser cannot provide. */
public enum Feature {
  THREADS("starts threads"),
  MULTIPROCESSING("starts processes with multiprocessing"),
  SUBPROCESS("runs other programs"),
  SOCKETS("opens network sockets"),
  HTTP_CLIENT("fetches from the internet"),
  FORK("forks its process"),
  CTYPES("calls native code through ctypes"),
  FILE_WRITE("writes files"),
  INPUT("reads input"),
  DYNAMIC_IMPORT("imports modules by name at run time");

  private final String plainWords;

  Feature(String plainWords) {
    this.plainWords = plainWords;
  }

  /** Completes "Your program ...". */
  public String plainWords() {
    return plainWords;
  }
}
