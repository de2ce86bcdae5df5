package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunSpec;
import org.runlab.engine.selection.SelectionContext;

class EngineLaneTest {
  private static LiveRun run(List<String> events) {
    RunSpec spec = new RunSpec(List.of(new ProjectFile("main.py", "")), "main.py", "", Limits.defaults(), "t");
    LiveRun r = new LiveRun(UUID.randomUUID(), "t", spec, EngineId.LOCAL, List.of(), SelectionContext.free());
    r.subscribe(e -> events.add(e.name() + ":" + e.data()));
    return r;
  }

  @Test
  void runsInArrivalOrderWithBoundedConcurrencyAndTellsPositions() throws Exception {
    List<LiveRun> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch allDone = new CountDownLatch(4);
    EngineLane lane = new EngineLane("local", 1, 0.25, Duration.ofSeconds(30), Thread::new, r -> {
      order.add(r);
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      allDone.countDown();
    }, r -> true, r -> {});
    try {
      List<String> thirdEvents = Collections.synchronizedList(new ArrayList<>());
      LiveRun first = run(new ArrayList<>());
      LiveRun second = run(new ArrayList<>());
      LiveRun third = run(thirdEvents);
      LiveRun fourth = run(new ArrayList<>());
      lane.add(first, Tier.FREE, null);
      waitUntil(() -> lane.running() == 1);
      lane.add(second, Tier.FREE, null);
      lane.add(third, Tier.FREE, null);
      lane.add(fourth, Tier.FREE, null);
      assertThat(lane.depth()).isEqualTo(3);
      assertThat(thirdEvents).last().asString().contains("\"position\":2");

      assertThat(lane.remove(second)).isTrue();
      assertThat(thirdEvents).last().asString().contains("\"position\":1");

      release.countDown();
      waitUntil(() -> order.size() == 3);
      assertThat(order).containsExactly(first, third, fourth);
      assertThat(lane.remove(first)).isFalse();
    } finally {
      lane.stop();
    }
  }

  @Test
  void aPaidRunGoesFirstAndARunWaitingPastItsLongestWaitIsHandedBack() throws Exception {
    List<LiveRun> order = Collections.synchronizedList(new ArrayList<>());
    List<LiveRun> late = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch release = new CountDownLatch(1);
    EngineLane lane = new EngineLane("local", 1, 0.25, Duration.ofSeconds(30), Thread::new, r -> {
      order.add(r);
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, r -> true, late::add);
    try {
      LiveRun busy = run(new ArrayList<>());
      lane.add(busy, Tier.FREE, null);
      waitUntil(() -> lane.running() == 1);
      LiveRun anonymous = run(new ArrayList<>());
      LiveRun free = run(new ArrayList<>());
      LiveRun paid = run(new ArrayList<>());
      lane.add(anonymous, Tier.ANONYMOUS, Duration.ofMillis(300));
      lane.add(free, Tier.FREE, null);
      lane.add(paid, Tier.PAID, null);

      waitUntil(() -> late.size() == 1);
      release.countDown();
      waitUntil(() -> order.size() == 3);

      assertThat(late).containsExactly(anonymous);
      assertThat(order).containsExactly(busy, paid, free);
    } finally {
      lane.stop();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
