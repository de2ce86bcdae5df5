/**
 * Admission: each learner's hourly and daily server-run windows as Bucket4j buckets on Payara's
 * clustered JCache (a visitor's also drawing from their client address), concurrent runs across
 * the cluster, the priority queue's order, and each identity's usage per day.
 */
package org.runlab.quota;
