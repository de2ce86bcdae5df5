package org.runlab.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsOnH2Test {
  @TempDir Path dir;

  @Test
  void theEmbeddedDefaultMigratesAnEmptyH2FileDatabase() throws Exception {
    DataSource ds = RunlabDataSource.create("jdbc:h2:file:" + dir.resolve("db/runlab"), "runlab", "runlab");

    MigrateResult first = DatabaseMigrator.applyMigrations(ds);
    MigrateResult second = DatabaseMigrator.applyMigrations(ds);

    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
    assertThat(second.migrationsExecuted).isZero();
    assertThat(Files.list(dir.resolve("db")).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.endsWith(".mv.db"));
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_user")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void refusesAnUnsupportedDatabaseUrlWithAClearMessage() {
    assertThatThrownBy(() -> RunlabDataSource.create("jdbc:mysql://x/y", "u", "p"))
        .hasMessageContaining("runlab.db.url must start with jdbc:postgresql: or jdbc:h2:file:");
    assertThatThrownBy(() -> RunlabDataSource.create("jdbc:h2:tcp://0.0.0.0/x", "u", "p"))
        .hasMessageContaining("jdbc:h2:file:");
  }
}
