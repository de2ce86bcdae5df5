/**
 * What running learners' code costs and whether the month's budget allows more: one
 * {@code Pricing} for every engine, E2B sandbox leases, month-to-date spend, the budget guard's
 * levels and spending anomalies.
 */
package org.runlab.budget;
