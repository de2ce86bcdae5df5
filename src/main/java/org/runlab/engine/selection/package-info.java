/**
 * Profiles a learner's project (imports, threads, sockets, sleeps, size, abuse signatures) with a
 * real Python tokenizer and decides where it runs: the browser (Pyodide), the local sandbox or
 * E2B, or nowhere, with reasons a learner can read. Plain Java, no CDI: the caller wires it.
 */
package org.runlab.engine.selection;
