/**
 * The E2B cloud engine: an OkHttp client for E2B's control plane, code interpreter and envd
 * ({@link org.runlab.engine.e2b.E2bClient}), the per-learner session and warm pool with its
 * reaper ({@link org.runlab.engine.e2b.E2bSessionPool}), the engine itself ({@link
 * org.runlab.engine.e2b.E2bEngine}), cost-lease arithmetic ({@link
 * org.runlab.engine.e2b.LeaseCost}) and the thin container wrappers around them.
 */
package org.runlab.engine.e2b;
