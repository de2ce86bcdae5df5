package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;

class PriorityRunQueueTest {
  private final AtomicLong now = new AtomicLong();
  private final PriorityRunQueue<String> queue =
      new PriorityRunQueue<>(4, 0.25, Duration.ofSeconds(30), now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void paidGoesBeforeFreeBeforeAnonymousAndFifoWithinATier() {
    queue.add("anon-1", Tier.ANONYMOUS, null);
    queue.add("free-1", Tier.FREE, null);
    queue.add("free-2", Tier.FREE, null);
    queue.add("paid-1", Tier.PAID, null);

    assertThat(queue.waitingInOrder()).containsExactly("paid-1", "free-1", "free-2", "anon-1");
  }

  @Test
  void aPaidRunStartsWhileFreeRunsWaitBecauseASlotIsKeptForPaid() {
    for (int i = 1; i <= 5; i++) {
      queue.add("free-" + i, Tier.FREE, null);
    }
    assertThat(queue.poll(r -> true)).isEqualTo("free-1");
    assertThat(queue.poll(r -> true)).isEqualTo("free-2");
    assertThat(queue.poll(r -> true)).isEqualTo("free-3");
    assertThat(queue.poll(r -> true)).as("the fourth slot is PAID's").isNull();

    queue.add("paid-1", Tier.PAID, null);

    assertThat(queue.poll(r -> true)).isEqualTo("paid-1");
    assertThat(queue.waitingInOrder()).containsExactly("free-4", "free-5");
  }

  @Test
  void agingLetsAnOldAnonymousRunGoBeforeNewFreeRuns() {
    queue.add("anon-1", Tier.ANONYMOUS, null);
    advance(Duration.ofSeconds(31));
    queue.add("free-1", Tier.FREE, null);
    queue.add("paid-1", Tier.PAID, null);

    assertThat(queue.waitingInOrder()).containsExactly("paid-1", "anon-1", "free-1");
  }

  @Test
  void agingEventuallyLetsALongWaitingRunGoBeforeNewPaidRuns() {
    queue.add("free-1", Tier.FREE, null);
    advance(Duration.ofSeconds(31));
    queue.add("paid-1", Tier.PAID, null);

    assertThat(queue.waitingInOrder()).containsExactly("free-1", "paid-1");
  }

  @Test
  void aRunWhoseLearnerHasNoFreeSlotWaitsAndTheNextOneGoes() {
    queue.add("busy-learner", Tier.PAID, null);
    queue.add("other", Tier.FREE, null);

    assertThat(queue.poll(r -> !r.equals("busy-learner"))).isEqualTo("other");
    assertThat(queue.waitingInOrder()).containsExactly("busy-learner");
  }

  @Test
  void aRunWaitingPastItsLongestWaitIsTakenOut() {
    queue.add("anon-1", Tier.ANONYMOUS, Duration.ofSeconds(30));
    queue.add("free-1", Tier.FREE, Duration.ofSeconds(120));
    advance(Duration.ofSeconds(31));

    assertThat(queue.expired()).containsExactly("anon-1");
    assertThat(queue.waitingInOrder()).containsExactly("free-1");
  }

  @Test
  void aFinishedRunFreesItsSlot() {
    PriorityRunQueue<String> one = new PriorityRunQueue<>(1, 0.25, Duration.ofSeconds(30), now::get);
    one.add("a", Tier.FREE, null);
    one.add("b", Tier.FREE, null);
    assertThat(one.poll(r -> true)).isEqualTo("a");
    assertThat(one.poll(r -> true)).isNull();

    one.finished("a");

    assertThat(one.poll(r -> true)).isEqualTo("b");
  }

  @Test
  void keepsAShareForPaidButNeverEverySlot() {
    assertThat(PriorityRunQueue.reserved(4, 0.25)).isEqualTo(1);
    assertThat(PriorityRunQueue.reserved(8, 0.25)).isEqualTo(2);
    assertThat(PriorityRunQueue.reserved(2, 0.25)).isEqualTo(1);
    assertThat(PriorityRunQueue.reserved(1, 0.5)).isZero();
    assertThat(PriorityRunQueue.reserved(4, 0)).isZero();
  }

  @Test
  void aRunStartsAtOnceOnlyWhenNobodyWaitsAndItsTierHasASlot() {
    assertThat(queue.startNow("free-1", Tier.FREE, r -> true)).isTrue();
    assertThat(queue.startNow("free-2", Tier.FREE, r -> false)).as("its learner has no slot").isFalse();
    assertThat(queue.startNow("free-2", Tier.FREE, r -> true)).isTrue();
    assertThat(queue.startNow("free-3", Tier.FREE, r -> true)).isTrue();
    assertThat(queue.startNow("free-4", Tier.FREE, r -> true)).as("the fourth slot is PAID's").isFalse();
    assertThat(queue.startNow("paid-1", Tier.PAID, r -> true)).isTrue();
    assertThat(queue.running()).isEqualTo(4);

    queue.finished("free-1");
    queue.add("anon-1", Tier.ANONYMOUS, null);
    assertThat(queue.startNow("paid-2", Tier.PAID, r -> true)).as("a run is waiting: no jumping the line").isFalse();
    assertThat(queue.poll(r -> true)).isEqualTo("anon-1");
  }
}
