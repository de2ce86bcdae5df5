/** Benchmarks of the local engine, run by bench/local-engine.sh; not unit tests. */
package org.runlab.engine.local.bench;
