package org.runlab.engine.e2b;

import java.time.Instant;

/**
 * One sandbox of this installation as E2B lists it, with what this member's pool knows of it.
 *
 * @param learner the learner key holding it (known to the member that holds it), else E2B's
 *     pseudonym tag, else null
 * @param lastUsed when its learner last ran something, when this member holds it
 * @param holder "session" (a learner holds it), "warm" (in the pool), "other instance" (a live
 *     member holds it) or "orphan" (nobody does: the reaper kills it)
 */
public record E2bSandbox(String id, String instance, String learner, Instant startedAt, Instant lastUsed,
    int vcpus, int memoryMb, String holder, boolean busy) {
  public boolean orphan() {
    return "orphan".equals(holder);
  }
}
