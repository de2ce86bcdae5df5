package org.runlab.engine.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learners' server sessions on the local engine: what a run leaves behind (the files it wrote,
 * the environment layer its packages are in), kept for the tier's idle time after the run so that
 * the same learner's next run starts from it. Sandboxes stay one-shot; only this state carries
 * over, and only to runs of the same owner. Thread-safe.
 */
final class LocalSessions implements AutoCloseable {
  /**
   * One learner's kept state.
   *
   * @param files the files their runs wrote, by path, restored into the next run's work directory
   * @param layer the environment layer held for them (not evicted while kept), or null
   * @param until when it expires unless another run renews it
   */
  record Session(Map<String, byte[]> files, EnvironmentLayers.Layer layer, Instant until) {
    Session {
      files = Map.copyOf(files);
    }

    void release() {
      if (layer != null) {
        layer.close();
      }
    }
  }

  private final Map<String, Session> byOwner = new ConcurrentHashMap<>();

  /** Takes the owner's live session for a run that starts now, or null. */
  Session take(String owner) {
    if (owner.isEmpty()) {
      return null;
    }
    Session s = byOwner.remove(owner);
    if (s != null && s.until().isBefore(Instant.now())) {
      s.release();
      return null;
    }
    return s;
  }

  /** Puts back a session a run took but did not use (it was refused before it ran). */
  void putBack(String owner, Session session) {
    if (session != null && byOwner.putIfAbsent(owner, session) != null) {
      session.release();
    }
  }

  /** Keeps what a run of {@code owner} left for {@code idle}, replacing an older session. */
  void keep(String owner, Map<String, byte[]> files, EnvironmentLayers.Layer layer, Duration idle) {
    Session old = byOwner.put(owner, new Session(files, layer, Instant.now().plus(idle)));
    if (old != null) {
      old.release();
    }
  }

  /** Ends the sessions whose idle time has run out, releasing their layers. */
  void expire() {
    Instant now = Instant.now();
    byOwner.forEach((owner, s) -> {
      if (s.until().isBefore(now) && byOwner.remove(owner, s)) {
        s.release();
      }
    });
  }

  /** How many learners have a session now. */
  int count() {
    return byOwner.size();
  }

  @Override
  public void close() {
    byOwner.values().forEach(Session::release);
    byOwner.clear();
  }
}
