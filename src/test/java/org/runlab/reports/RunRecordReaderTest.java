package org.runlab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runlab.platform.DatabaseMigrator;

/** The ledger reader on H2: the period's runs in key order, page by page, resuming after a checkpoint. */
class RunRecordReaderTest {
  @TempDir Path dir;

  @Test
  void readsThePeriodsRunsInPagesAndResumesAfterItsCheckpointWithoutRepeats() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db"));
    ds.setUser("runlab");
    ds.setPassword("runlab");
    DatabaseMigrator.applyMigrations(ds);
    OffsetDateTime day = OffsetDateTime.parse("2026-12-07T00:00:00Z");
    Set<UUID> seeded = new HashSet<>();
    try (var c = ds.getConnection()) {
      Seed seed = new Seed(c);
      for (int i = 0; i < 57; i++) {
        // Three runs share each time: the id orders them.
        seeded.add(seed.localRun("anon:r" + i % 4, day.plusSeconds(i / 3), "0.0001"));
      }
      seed.localRun("anon:before", day.minusSeconds(1), "0.5");
      seed.localRun("anon:after", day.plusDays(1), "0.5");
    }

    RunRecordReader first = reader(ds);
    first.open(null);
    List<UUID> read = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      read.add(((LedgerRow) first.readItem()).id());
    }
    Serializable checkpoint = first.checkpointInfo();
    first.readItem(); // read but never committed: the restart reads it again

    RunRecordReader restarted = reader(ds);
    restarted.open(checkpoint);
    for (Object row = restarted.readItem(); row != null; row = restarted.readItem()) {
      read.add(((LedgerRow) row).id());
    }

    assertThat(read).hasSize(57).doesNotHaveDuplicates();
    assertThat(new HashSet<>(read)).isEqualTo(seeded);
  }

  private static RunRecordReader reader(JdbcDataSource ds) {
    RunRecordReader r = new RunRecordReader();
    r.from = "2026-12-07";
    r.to = "2026-12-07";
    r.pageSize = "10";
    r.ds = ds;
    r.step = (StepContext) Proxy.newProxyInstance(StepContext.class.getClassLoader(), new Class<?>[] {StepContext.class},
        (proxy, method, args) -> null);
    return r;
  }
}
