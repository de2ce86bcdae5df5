/**
 * A run from admission to record: request validation, the pipeline (decide, admit, queue, run,
 * settle, record) with its one failover policy, live run state and the run ledger.
 */
package org.runlab.execution;
