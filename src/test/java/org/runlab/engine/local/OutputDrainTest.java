package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputDrainTest {
  /** Hands out its bytes a few at a time, as a pipe may. */
  private static InputStream trickle(String text, int step) {
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    return new ByteArrayInputStream(all) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  @Test
  void theInputSignalIsTakenOutOfTheStreamEvenWhenSplitAcrossReads() throws Exception {
    for (int step = 1; step <= 20; step++) {
      AtomicInteger signals = new AtomicInteger();
      StringBuilder streamed = new StringBuilder();
      OutputDrain d = new OutputDrain(trickle("Name? \u001erunlab input\n\u001erunlab in the text\u001e", step), 1000,
          streamed::append, () -> { }, SandboxRun.INPUT_WANTED, signals::incrementAndGet);
      d.run();
      assertThat(signals.get()).as("step %d", step).isEqualTo(1);
      assertThat(d.text()).isEqualTo("Name? \u001erunlab in the text\u001e");
      assertThat(streamed.toString()).isEqualTo(d.text());
    }
  }
}
