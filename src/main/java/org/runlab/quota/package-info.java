/**
 * Quotas: tiers and their limits (config, then admin overrides), hourly and daily server-run
 * windows as Bucket4j buckets on Payara's clustered JCache, each learner's concurrent runs, the
 * priority queue's order, the RateLimit headers and 429 answers, usage per day, and the budget
 * guard with its alerts.
 */
package org.runlab.quota;
