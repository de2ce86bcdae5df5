package org.runlab.execution;

import org.eclipse.microprofile.config.Config;

/**
 * Limits on what a learner sends to a running program ({@code POST /api/runs/{id}/stdin}); all of
 * a run's input together stays within {@code runlab.run.max-stdin-bytes}.
 *
 * @param maxSendBytes {@code runlab.run.stdin-send-max-bytes}: most bytes in one send
 * @param sendsPerSecond {@code runlab.run.stdin-sends-per-second}: sends a run takes per second
 *     (as many at once)
 * @param maxTotalBytes {@code runlab.run.max-stdin-bytes}: most input of one run in all
 */
public record InputSettings(int maxSendBytes, int sendsPerSecond, int maxTotalBytes) {
  public static InputSettings from(Config c) {
    return new InputSettings(
        c.getValue("runlab.run.stdin-send-max-bytes", Integer.class),
        c.getValue("runlab.run.stdin-sends-per-second", Integer.class),
        c.getValue("runlab.run.max-stdin-bytes", Integer.class));
  }
}
