/** Tiers and their limits; later rate limits, the priority queue and the budget guard. */
package org.runlab.quota;
