package org.runlab.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP when the database answers within two seconds; reports its product and the schema version
 * Flyway left at start. Readiness only: a database outage should stop traffic, not restart Runlab.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {
  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  private DataSource dataSource;

  @Inject private DatabaseMigrator migrator;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    try (Connection c = dataSource.getConnection()) {
      boolean valid = c.isValid(2);
      response
          .status(valid)
          .withData("product", c.getMetaData().getDatabaseProductName())
          .withData("schemaVersion", migrator.schemaVersion());
    } catch (SQLException | RuntimeException e) {
      response.down().withData("error", String.valueOf(e.getMessage()));
    }
    return response.build();
  }
}
