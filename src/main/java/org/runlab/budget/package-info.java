/**
 * What running learners' code costs and whether the month's budget allows more: one
 * {@code Pricing} for every engine, E2B sandbox leases, month-to-date spend, the budget guard's
 * levels and alerts. Spending anomalies are found by the nightly anomaly scan ({@code reports}).
 */
package org.runlab.budget;
