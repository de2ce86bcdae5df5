/** What running learners' code costs: sandbox leases and their prices. */
package org.runlab.cost;
