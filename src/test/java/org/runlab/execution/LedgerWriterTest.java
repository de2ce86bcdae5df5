package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.runlab.account.Tier;
import org.runlab.engine.EngineId;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

class LedgerWriterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final FakeStore store = new FakeStore();
  private final LedgerWriter records = new LedgerWriter(store, now::get, 3);

  /** Records what each transaction wrote; refuses the ids in {@code refuse}. */
  private static final class FakeStore implements LedgerWriter.Store {
    final List<List<RunRecord>> opens = new ArrayList<>();
    final List<List<LedgerWriter.End>> ends = new ArrayList<>();
    final Set<UUID> refuse = new HashSet<>();

    @Override
    public void openAll(List<RunRecord> rs) {
      if (rs.stream().anyMatch(r -> refuse.contains(r.getId()))) {
        throw new IllegalStateException("database says no");
      }
      opens.add(List.copyOf(rs));
    }

    @Override
    public void finishAll(List<LedgerWriter.End> es) {
      if (es.stream().anyMatch(e -> refuse.contains(e.id()))) {
        throw new IllegalStateException("database says no");
      }
      ends.add(List.copyOf(es));
    }

    List<RunRecord> allOpened() {
      return opens.stream().flatMap(List::stream).toList();
    }
  }

  private record Admitted(RunRecord record) {
    UUID id() {
      return record.getId();
    }
  }

  private Admitted admit() {
    RunRecord record = new RunRecord(UUID.randomUUID(), "t", null, Tier.FREE, "127.0.0.1", null, "auto", "local",
        RunState.QUEUED, 1, 0, "[]");
    records.admitted(record);
    return new Admitted(record);
  }

  private void end(Admitted a) {
    RunResult ok = RunResult.builder(EngineId.LOCAL, Verdict.OK).exitCode(0).stdout("hi\n", false)
        .wallTimeMs(5).cpuTimeMs(3).peakMemoryBytes(1024).build();
    records.ended(a.id(), RunOutcome.of(ok, BigDecimal.ONE, null), Instant.now());
  }

  private void later(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aShortRunIsWrittenOnceInItsFinalFormAndShortRunsGoTogether() {
    Admitted a = admit();
    Admitted b = admit();
    end(a);
    end(b);
    records.flush(false);
    assertThat(store.opens).hasSize(1);
    assertThat(store.opens.get(0)).extracting(RunRecord::getId).containsExactly(a.record().getId(), b.record().getId());
    assertThat(store.opens.get(0)).allSatisfy(r -> assertThat(r.getVerdict()).isEqualTo(Verdict.OK));
    assertThat(store.ends).isEmpty();
    assertThat(records.waiting()).isZero();
  }

  @Test
  void aLongRunIsWrittenOpenAfterASecondAndItsEndAfterIt() {
    Admitted a = admit();
    records.flush(false);
    assertThat(store.opens).isEmpty();
    later(Duration.ofMillis(1001));
    records.flush(false);
    assertThat(store.allOpened()).extracting(RunRecord::getState).containsExactly(RunState.QUEUED);
    end(a);
    records.flush(false);
    assertThat(store.ends).hasSize(1);
    assertThat(store.ends.get(0).get(0).id()).isEqualTo(a.record().getId());
    assertThat(store.ends.get(0).get(0).outcome().verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void aRunThatEndsWhileItsRecordWaitsIsWrittenOnceWithItsEnd() {
    Admitted a = admit();
    records.flush(false); // young: held
    end(a);
    records.flush(false);
    assertThat(store.allOpened()).singleElement().satisfies(r -> assertThat(r.getVerdict()).isEqualTo(Verdict.OK));
    assertThat(store.ends).isEmpty();
    assertThat(records.waiting()).isZero();
  }

  @Test
  void aRecordTheDatabaseRefusesHoldsUpNoOtherAndIsTriedAgainWithItsEnd() {
    Admitted bad = admit();
    Admitted good = admit();
    store.refuse.add(bad.record().getId());
    end(good);
    later(Duration.ofSeconds(2));
    records.flush(false);
    assertThat(store.allOpened()).extracting(RunRecord::getId).containsExactly(good.record().getId());
    end(bad);
    records.flush(false);
    assertThat(store.ends).isEmpty(); // its record is not written yet, so its end waits
    store.refuse.clear();
    records.flush(false);
    // written in its final form, so there is no end to write after it
    assertThat(store.allOpened()).filteredOn(r -> r.getId().equals(bad.record().getId()))
        .singleElement().satisfies(r -> assertThat(r.getVerdict()).isEqualTo(Verdict.OK));
    assertThat(store.ends).isEmpty();
    assertThat(records.waiting()).isZero();
  }

  @Test
  void aRecordRefusedForTenMinutesIsGivenUp() {
    Admitted bad = admit();
    store.refuse.add(bad.record().getId());
    later(Duration.ofSeconds(2));
    records.flush(false);
    assertThat(records.waiting()).isEqualTo(1);
    later(Duration.ofMinutes(10));
    records.flush(false);
    assertThat(records.waiting()).isZero();
    assertThat(store.opens).isEmpty();
  }

  @Test
  void pastTheLimitOfHeldRecordsTheCallerWritesItsOwnOrLearnsTheDatabaseIsAway() {
    admit();
    admit();
    admit();
    Admitted fourth = admit(); // written by the caller at once
    assertThat(store.allOpened()).extracting(RunRecord::getId).containsExactly(fourth.record().getId());
    assertThat(records.recordWritten(fourth.id())).isTrue();
    assertThat(records.waiting()).isEqualTo(3);
    UUID id = UUID.randomUUID();
    store.refuse.add(id);
    RunRecord refused = new RunRecord(id, "t", null, Tier.FREE, "127.0.0.1", null, "auto", "local",
        RunState.QUEUED, 1, 0, "[]");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> records.admitted(refused))
        .hasMessageContaining("database says no");
    end(fourth);
    records.flush(true);
    assertThat(store.ends.stream().flatMap(List::stream).map(LedgerWriter.End::id)).containsExactly(fourth.record().getId());
    assertThat(records.waiting()).isZero();
  }

  @Test
  void atShutdownEvenYoungRecordsAreWritten() {
    admit();
    records.flush(true);
    assertThat(store.allOpened()).hasSize(1);
  }
}
