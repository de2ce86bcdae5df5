/**
 * What each run may use and how many runs a learner gets: every tier's configured limits, admins'
 * overrides of a tier or one learner (audited), and {@code LimitService}, the one source of the
 * limits in force, for the run API and the lesson page alike.
 */
package org.runlab.limits;
