/**
 * The finance pages' backing beans (role FINANCE; admins see them too): month-to-date spend and
 * charts, the cost reports with their progress and tables, and the anomaly findings.
 */
package org.runlab.admin.finance;
