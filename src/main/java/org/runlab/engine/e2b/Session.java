package org.runlab.engine.e2b;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sandbox held for one learner (or waiting warm in the pool), with its Python context and
 * what has been uploaded and installed in it, so unchanged files are not sent again.
 */
public final class Session {
  final SandboxAddress sandbox;
  final String contextId;
  /** The template asked for at create (E2B answers with its id, which may differ from an alias). */
  final String template;
  /** What the sandbox may reach now, as last set at create or by a network update. */
  volatile Egress egress;
  final Instant created;
  final ReentrantLock runLock = new ReentrantLock();
  /** Path to SHA-256 of what is in the sandbox now. */
  final Map<String, String> uploaded = new HashMap<>();
  String requirementsInstalled;
  volatile Lease lease;
  volatile String learner;
  /** How long the learner keeps this sandbox after a run (their plan's session idle time). */
  volatile Duration idleTimeout;
  volatile Instant lastUsed;
  volatile Instant lastExtended;
  volatile boolean busy;
  volatile boolean retired;

  Session(SandboxAddress sandbox, String contextId, Lease lease, Instant created, String template,
      Egress egress) {
    this.sandbox = sandbox;
    this.contextId = contextId;
    this.template = template;
    this.egress = egress;
    this.lease = lease;
    this.created = created;
    this.lastUsed = created;
    this.lastExtended = created;
  }

  public SandboxAddress sandbox() {
    return sandbox;
  }

  public String contextId() {
    return contextId;
  }

  public String learner() {
    return learner;
  }

  public Lease lease() {
    return lease;
  }

  /** Whether this session's sandbox came from the warm pool. */
  public boolean fromPool() {
    return lease.purpose() == Lease.Purpose.POOL;
  }
}
