package org.runlab.platform.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  private static Background withThreads() throws Exception {
    Background w = new Background();
    Field f = Background.class.getDeclaredField("threads");
    f.setAccessible(true);
    f.set(w, new ManagedThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        return new Thread(r);
      }

      @Override
      public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new UnsupportedOperationException();
      }
    });
    return w;
  }

  @Test
  void runsTasksInTheOrderGivenOnAnotherThread() throws Exception {
    Background w = withThreads();
    List<Integer> done = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> last = null;
    for (int i = 0; i < 500; i++) {
      int n = i;
      last = w.run(() -> {
        done.add(n);
        threads.add(Thread.currentThread().getName());
      });
    }
    last.get(10, TimeUnit.SECONDS);

    assertThat(done).hasSize(500).isSorted();
    assertThat(threads).containsOnly("runlab-writer");
    w.stop();
  }

  @Test
  void aFailingTaskFailsItsFutureAndTheNextOnesStillRun() throws Exception {
    Background w = withThreads();
    CompletableFuture<Void> bad = w.run(() -> {
      throw new IllegalStateException("database down");
    });
    CompletableFuture<Void> good = w.run(() -> {});

    good.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
    w.stop();
  }

  @Test
  void stoppingWritesWhatIsStillQueued() throws Exception {
    Background w = withThreads();
    CountDownLatch hold = holdWriter(w);
    List<Integer> done = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      w.run(() -> done.add(n));
    }
    new Thread(() -> {
      sleep(100);
      hold.countDown();
    }).start();
    w.stop();

    assertThat(done).hasSize(20);
    assertThat(w.stopping()).isTrue();
    assertThat(w.stopped()).isTrue();
  }

  @Test
  void whatIsGatheredAfterTheWriterStoppedIsWrittenByTheCaller() throws Exception {
    Background w = withThreads();
    java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
    w.gathered(java.time.Duration.ofHours(1), rounds::incrementAndGet);
    w.added(); // the writer is running: nothing happens here
    assertThat(rounds).hasValue(0);
    w.stop(); // the last round at shutdown
    assertThat(rounds).hasValue(1);
    w.added();
    assertThat(rounds).hasValue(2);
  }

  @Test
  void withoutAThreadFactoryTheCallerWrites() throws Exception {
    Background w = new Background();
    String[] by = new String[1];
    w.run(() -> by[0] = Thread.currentThread().getName()).get(1, TimeUnit.SECONDS);

    assertThat(by[0]).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aTaskGivenSoonGoesBeforeTheOnesWaiting() throws Exception {
    Background w = withThreads();
    CountDownLatch hold = holdWriter(w);
    List<String> done = new CopyOnWriteArrayList<>();
    w.run(() -> done.add("in order"));
    w.soon(() -> done.add("soon"));
    hold.countDown();
    w.stop();

    assertThat(done).containsExactly("soon", "in order");
  }

  /** Keeps the writer busy until the latch is counted down, so that tasks queue up meanwhile. */
  private static CountDownLatch holdWriter(Background w) {
    CountDownLatch hold = new CountDownLatch(1);
    w.run(() -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return hold;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
