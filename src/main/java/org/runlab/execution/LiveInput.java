package org.runlab.execution;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.runlab.engine.EngineId;
import org.runlab.engine.ProgramInput;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.TooFrequentException;

/**
 * The way from the learner's console to a running program's stdin, within limits: so many sends a
 * second, so many bytes a send, so many bytes in all (the request's stdin included).
 */
final class LiveInput {
  private final ProgramInput input;
  private final InputSettings settings;
  private final Bucket sends;
  private long sentBytes;

  LiveInput(ProgramInput input, InputSettings settings, long initialBytes) {
    this.input = input;
    this.settings = settings;
    this.sentBytes = initialBytes;
    int rate = Math.max(1, settings.sendsPerSecond());
    this.sends = Bucket.builder()
        .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
        .build();
  }

  ProgramInput input() {
    return input;
  }

  /** Sends {@code text} (then the end of input, if {@code eof}) to the program on {@code engine}. */
  synchronized void send(String text, boolean eof, EngineId engine, boolean finished) {
    if (!input.isInteractive()) {
      throw new ConflictException("Input not taken while running", engine == EngineId.E2B
          ? "In the cloud sandbox a program cannot be given input while it runs: put the lines in the"
              + " input box (stdin) before you run it."
          : "This run was started without \"interactive\": true, so its input was only what it was"
              + " given at the start.");
    }
    if (finished || !input.isOpen()) {
      throw new ConflictException("Program not reading", finished
          ? "The program has finished, so it takes no more input."
          : "The program's input was already ended.");
    }
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (sentBytes + bytes > settings.maxTotalBytes()) {
      throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, "text",
          "A run takes at most " + settings.maxTotalBytes() + " bytes of input in all.");
    }
    ConsumptionProbe probe = sends.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new TooFrequentException("Input sent too often", "A running program takes at most "
          + settings.sendsPerSecond() + " sends of input a second; wait a moment and send again.",
          TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
    }
    if (!text.isEmpty()) {
      input.send(text);
      sentBytes += bytes;
    }
    if (eof) {
      input.end();
    }
  }

  synchronized long sentBytes() {
    return sentBytes;
  }
}
