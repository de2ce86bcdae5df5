package org.runlab.execution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hashes of projects this instance has stored in {@code run_code} lately, so that a project
 * run again (the same lesson code, by one learner or many) costs no background task, transaction
 * or statement: stored rows are never changed or deleted, so a hash once kept stays kept. Bounded,
 * least recently used first out; a hash that fell out is only written again, harmlessly (the
 * insert skips a hash that exists).
 */
final class KeptCodes {
  private final Map<String, Boolean> hashes;

  KeptCodes(int capacity) {
    // In access order: get() moves a hash to the young end, so the eldest is the least recently used.
    this.hashes = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Whether {@code hash} is known to be stored (and marks it recently used). */
  synchronized boolean known(String hash) {
    return hashes.get(hash) != null;
  }

  /** After the row was written (or found there). */
  synchronized void kept(String hash) {
    hashes.put(hash, Boolean.TRUE);
  }
}
