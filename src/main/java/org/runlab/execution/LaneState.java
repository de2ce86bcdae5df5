package org.runlab.execution;

import java.time.Duration;

/**
 * One engine lane on this member, as the console shows it.
 *
 * @param waiting runs in its queue
 * @param running runs it is running
 * @param paidWait what a new PAID run would wait
 * @param freeWait what a new FREE run would wait
 * @param longestWaiting how long the run waiting longest has waited
 */
public record LaneState(String engine, int waiting, int running, Duration paidWait, Duration freeWait,
    Duration longestWaiting) {}
