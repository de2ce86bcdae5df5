package org.runlab.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {
  @Test
  void aLostConnectionDeepInTheCausesIsAnOutage() {
    Exception e = new IllegalStateException("EJB failed",
        new RuntimeException("could not execute", new SQLException("An I/O error occurred", "08006")));
    assertThat(DatabaseOutage.isCause(e)).isTrue();
  }

  @Test
  void aDatabaseShuttingDownIsAnOutage() {
    assertThat(DatabaseOutage.isCause(new SQLException("the database system is shutting down", "57P03"))).isTrue();
  }

  @Test
  void aRefusedStatementIsNotAnOutage() {
    Exception e = new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505"));
    assertThat(DatabaseOutage.isCause(e)).isFalse();
  }
}
