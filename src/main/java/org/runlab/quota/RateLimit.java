package org.runlab.quota;

/**
 * One bucket to draw a server run from: a learner's, a visitor's, or a client address's.
 *
 * @param key the bucket's name in the store, e.g. {@code user:<id>} or {@code addr:<ip>}
 */
public record RateLimit(String key, int perHour, int perDay) {}
