package org.runlab.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database. Defines the
 * one datasource under a {@code java:global} name: Payara's batch runtime looks it up from its own
 * threads (its job repository lives in this database, see pre-boot-commands.asadmin), where a
 * {@code java:app} name does not resolve.
 */
@DataSourceDefinition(
    name = DatabaseMigrator.DATASOURCE,
    className = "org.runlab.platform.RunlabDataSource",
    url = "${MPCONFIG=runlab.db.url}",
    user = "${MPCONFIG=runlab.db.user}",
    password = "${MPCONFIG=runlab.db.password}",
    initialPoolSize = 0,
    minPoolSize = 0,
    maxPoolSize = 32,
    // After a database restart every pooled connection is dead: a connection not checked for 2 s is
    // checked (JDBC isValid) before it is handed out, and one found dead drops them all, so the
    // pool reconnects by itself instead of failing one request per stale connection.
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.validate-atmost-once-period-in-seconds=2",
      "fish.payara.fail-all-connections=true"
    })
@Singleton
@Startup
public class DatabaseMigrator {
  /** The datasource's JNDI name: JPA's, the batch runtime's and the batch jobs' JDBC work's. */
  public static final String DATASOURCE = "java:global/jdbc/runlab";

  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = DATASOURCE)
  private DataSource dataSource;

  private volatile String schemaVersion = "none";

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrateAtStart() {
    MigrateResult result = applyMigrations(dataSource);
    schemaVersion = currentVersion();
    LOG.info(
        () ->
            "Database schema ready: "
                + result.migrationsExecuted
                + " migration(s) applied, version "
                + schemaVersion);
  }

  /** Applies Runlab's migrations to {@code ds}; also used by tests outside the container. */
  public static MigrateResult applyMigrations(DataSource ds) {
    return Flyway.configure(DatabaseMigrator.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** The schema version Flyway left in place at start (migrations run only then). */
  public String schemaVersion() {
    return schemaVersion;
  }

  private String currentVersion() {
    return Flyway.configure(DatabaseMigrator.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .info()
        .current()
        .getVersion()
        .getVersion();
  }
}
