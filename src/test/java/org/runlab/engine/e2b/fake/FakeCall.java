package org.runlab.engine.e2b.fake;

import java.time.Instant;

/**
 * One call the fake saw that a test may need to order: a create or network update (with the rules
 * it set), an execution (with the first line of its code), or a request to the fake package index
 * (served or refused by the sandbox's egress rules).
 *
 * @param seq the order in which the fake saw the calls, over all sandboxes
 * @param kind "create", "network", "execute", "index" or "index-refused"
 */
public record FakeCall(long seq, Instant at, String sandboxId, String kind, String detail) {}
