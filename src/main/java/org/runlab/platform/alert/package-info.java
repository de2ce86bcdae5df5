/**
 * Alerts for operators, raised once per cluster from any capability (budget stages, anomalies,
 * abuse, a rejected E2B key): the log, the admin console and the operator's webhook.
 */
package org.runlab.platform.alert;
