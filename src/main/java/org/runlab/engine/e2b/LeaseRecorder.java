package org.runlab.engine.e2b;


/**
 * Where the pool writes sandbox leases (the application stores them as {@code SandboxLease}
 * rows). Called on the pool's threads; implementations should be quick and must not throw.
 */
public interface LeaseRecorder {
  /** E2B created a sandbox: a new lease, no end yet. */
  void opened(Lease lease);

  /** A warm sandbox went to a learner. */
  void claimed(Lease lease);

  /** The sandbox was killed (or found dead): the lease is closed and priced. */
  void closed(Lease lease);


  /** Records nothing. */
  LeaseRecorder NONE =
      new LeaseRecorder() {
        @Override
        public void opened(Lease lease) {}

        @Override
        public void claimed(Lease lease) {}

        @Override
        public void closed(Lease lease) {}
      };
}
