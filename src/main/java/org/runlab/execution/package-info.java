/**
 * A run from request to result: the JSON + SSE API, request validation, the pipeline that queues
 * and runs on the engines, live run state, and the usage ledger.
 */
package org.runlab.execution;
