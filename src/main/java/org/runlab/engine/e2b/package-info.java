/**
 * The E2B cloud engine: an OkHttp client for E2B's control plane, code interpreter and envd
 * ({@link org.runlab.engine.e2b.E2bClient}), the per-learner session and warm pool with its
 * reaper ({@link org.runlab.engine.e2b.E2bSessionPool}), the engine itself ({@link
 * org.runlab.engine.e2b.E2bEngine}), leases counting billed seconds ({@link
 * org.runlab.engine.e2b.Lease}; the budget prices them), and the thin container wrappers:
 * Fault Tolerance around each call ({@link org.runlab.engine.e2b.E2bGuard}) and the engine bean
 * ({@link org.runlab.engine.e2b.E2bEngineService}).
 */
package org.runlab.engine.e2b;
