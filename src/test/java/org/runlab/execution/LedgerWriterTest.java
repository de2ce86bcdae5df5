package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.engine.EngineId;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;
import org.runlab.quota.UsageCounter;
import org.runlab.quota.UsageDelta;

class LedgerWriterTest {
  private final FakeStore store = new FakeStore();
  private final FakeUsage usage = new FakeUsage();

  /** Records what each transaction wrote; refuses the ids in {@code refuse}, or everything while {@code down}. */
  private static final class FakeStore implements LedgerWriter.Store {
    final List<List<RunRecord>> opens = Collections.synchronizedList(new ArrayList<>());
    final List<List<LedgerWriter.End>> ends = Collections.synchronizedList(new ArrayList<>());
    final List<List<UsageCounter.Change>> counts = Collections.synchronizedList(new ArrayList<>());
    final Set<UUID> refuse = Collections.synchronizedSet(new HashSet<>());
    volatile boolean down;
    volatile CountDownLatch hold;

    @Override
    public void commit(List<RunRecord> rs, List<LedgerWriter.End> es, List<UsageCounter.Change> us) {
      CountDownLatch h = hold;
      if (h != null) {
        hold = null;
        try {
          h.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      if (down || rs.stream().anyMatch(r -> refuse.contains(r.getId()))
          || es.stream().anyMatch(e -> refuse.contains(e.id()))) {
        throw new IllegalStateException("database says no");
      }
      opens.add(List.copyOf(rs));
      ends.add(List.copyOf(es));
      counts.add(List.copyOf(us));
    }

    int commits() {
      return opens.size();
    }

    List<UUID> opened() {
      return opens.stream().flatMap(List::stream).map(RunRecord::getId).toList();
    }

    List<UUID> ended() {
      return ends.stream().flatMap(List::stream).map(LedgerWriter.End::id).toList();
    }
  }

  private static final class FakeUsage implements LedgerWriter.Usage {
    final List<UsageCounter.Change> pending = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<UsageCounter.Change> take() {
      synchronized (pending) {
        List<UsageCounter.Change> all = List.copyOf(pending);
        pending.clear();
        return all;
      }
    }

    @Override
    public void giveBack(List<UsageCounter.Change> changes) {
      pending.addAll(changes);
    }

    void count(String who) {
      pending.add(new UsageCounter.Change(who, "FREE", LocalDate.now(), UsageDelta.SERVER_RUN));
    }
  }

  private static RunRecord record() {
    return new RunRecord(UUID.randomUUID(), "t", null, Tier.FREE, "127.0.0.1", null, "auto", "local",
        RunState.QUEUED, 1, 0, "[]");
  }

  private static RunOutcome ok() {
    RunResult ok = RunResult.builder(EngineId.LOCAL, Verdict.OK).exitCode(0).stdout("hi\n", false)
        .wallTimeMs(5).cpuTimeMs(3).peakMemoryBytes(1024).build();
    return RunOutcome.of(ok, BigDecimal.ONE, null);
  }

  @Test
  void aRecordIsCommittedWithItsLearnersUsageBeforeAdmissionReturns() {
    LedgerWriter writer = new LedgerWriter(store, usage, null, 100);
    RunRecord r = record();
    usage.count("t");

    writer.admitted(r);

    assertThat(store.opened()).containsExactly(r.getId());
    assertThat(store.counts.get(0)).extracting(UsageCounter.Change::identityKey).containsExactly("t");
    assertThat(usage.pending).isEmpty();
  }

  @Test
  void recordsHandedOverDuringACommitShareTheNextOne() throws Exception {
    LedgerWriter writer = new LedgerWriter(store, usage, Executors.defaultThreadFactory(), 100);
    CountDownLatch slowCommit = new CountDownLatch(1);
    store.hold = slowCommit;
    ExecutorService callers = Executors.newFixedThreadPool(17);
    List<Future<?>> answers = new ArrayList<>();
    answers.add(callers.submit(() -> writer.admitted(record())));
    Thread.sleep(100); // the first commit is under way and held
    for (int i = 0; i < 16; i++) {
      answers.add(callers.submit(() -> writer.admitted(record())));
    }
    Thread.sleep(200);
    assertThat(answers).noneMatch(Future::isDone); // nobody is answered before their commit
    slowCommit.countDown();
    for (Future<?> a : answers) {
      a.get(10, TimeUnit.SECONDS);
    }
    callers.shutdown();
    writer.stop();

    assertThat(store.opened()).hasSize(17);
    assertThat(store.commits()).isEqualTo(2);
  }

  @Test
  void aRecordTheDatabaseRefusesFailsOnlyItsOwnCaller() throws Exception {
    LedgerWriter writer = new LedgerWriter(store, usage, null, 100);
    RunRecord bad = record();
    store.refuse.add(bad.getId());

    assertThatThrownBy(() -> writer.admitted(bad)).hasMessageContaining(bad.getId().toString());
    RunRecord good = record();
    writer.admitted(good);

    assertThat(store.opened()).containsExactly(good.getId());
  }

  @Test
  void usageTakenForAFailedCommitIsGivenBack() {
    LedgerWriter writer = new LedgerWriter(store, usage, null, 100);
    store.down = true;
    usage.count("t");

    assertThatThrownBy(() -> writer.admitted(record())).isInstanceOf(IllegalStateException.class);

    assertThat(usage.pending).extracting(UsageCounter.Change::identityKey).containsExactly("t");
  }

  @Test
  void anEndTheDatabaseRefusesIsTriedAgainUntilWritten() {
    LedgerWriter writer = new LedgerWriter(store, usage, null, 50);
    RunRecord r = record();
    writer.admitted(r);
    store.down = true;

    writer.ended(r.getId(), ok(), Instant.now());
    assertThat(writer.waiting()).isEqualTo(1);
    writer.retryEnds();
    assertThat(writer.waiting()).isEqualTo(1);
    store.down = false;
    writer.retryEnds();

    assertThat(writer.waiting()).isZero();
    assertThat(store.ended()).containsExactly(r.getId());
  }

  @Test
  void anEndIsCommittedBeforeEndedReturns() {
    LedgerWriter writer = new LedgerWriter(store, usage, null, 100);
    RunRecord r = record();
    writer.admitted(r);

    writer.ended(r.getId(), ok(), Instant.now());

    assertThat(store.ended()).containsExactly(r.getId());
    assertThat(store.ends.get(1).get(0).outcome().costUsd()).isEqualByComparingTo(BigDecimal.ONE);
  }
}
