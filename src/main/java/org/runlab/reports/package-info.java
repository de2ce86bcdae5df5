/**
 * Finance's nightly work on Jakarta Batch: the {@code cost-report} and {@code anomaly-scan} jobs
 * (JSL in {@code META-INF/batch-jobs/}, chunk steps with checkpoints, their readers, writers and
 * listeners), their schedules (once per cluster, missed nights caught up), recovery of executions
 * whose instance died, and the stored reports and findings the finance pages and the API read.
 */
package org.runlab.reports;
