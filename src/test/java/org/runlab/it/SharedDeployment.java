package org.runlab.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.LifecycleMethodExecutor;
import org.jboss.arquillian.test.spi.TestRunnerAdaptor;
import org.jboss.arquillian.test.spi.TestRunnerAdaptorBuilder;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.runlab.engine.e2b.fake.FakeE2b;

/**
 * Deploys the real WAR once per test JVM, with Arquillian on Payara Micro against PostgreSQL and
 * the fake E2B, and hands every {@link RunlabSpec} the deployment's base URI and that fake through
 * its constructor. The deployment lives in the root extension store, so the first spec to run
 * starts it and it stops when the whole run ends. With {@code -Drunlab.it.base=URL} nothing is
 * deployed and the specs test the server at that URL.
 */
final class SharedDeployment implements ParameterResolver {
  /** Where a spec checks what the deployment stored; bin/runlab test creates it afresh. */
  static final String DB_URL = System.getProperty("it.db.url");
  static final String DB_USER = System.getProperty("it.db.user");
  static final String DB_PASSWORD = System.getProperty("it.db.password");

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDeployment.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == URI.class || type == FakeE2b.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    if (running.failure != null) {
      throw new ParameterResolutionException("the shared deployment did not start", running.failure);
    }
    return parameter.getParameter().getType() == URI.class ? running.base : running.e2b;
  }

  /** A connection to the deployment's database. */
  static Connection database() throws SQLException {
    return DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
  }

  /** The fake E2B, the deployment (unless the run tests a server already running), or why not. */
  private static final class Running implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedDeployment.class.getName());

    final FakeE2b e2b;
    final TestRunnerAdaptor arquillian;
    final URI base;
    final Exception failure;

    private Running(FakeE2b e2b, TestRunnerAdaptor arquillian, URI base, Exception failure) {
      this.e2b = e2b;
      this.arquillian = arquillian;
      this.base = base;
      this.failure = failure;
    }

    /** Never throws: a failed start is kept, so the other specs fail at once rather than retry it. */
    static Running start() {
      FakeE2b e2b = null;
      TestRunnerAdaptor arquillian = null;
      try {
        e2b = FakeE2b.start(Integer.getInteger("it.e2b.port", 18300),
            Integer.getInteger("it.e2b.sandbox-port", 18301), FakeE2b.API_KEY);
        String given = System.getProperty("runlab.it.base", "");
        if (!given.isBlank()) {
          LOG.info("testing the server at " + given + "; nothing is deployed");
          return new Running(e2b, null, URI.create(given.endsWith("/") ? given : given + "/"), null);
        }
        long started = System.nanoTime();
        arquillian = TestRunnerAdaptorBuilder.build();
        arquillian.beforeSuite();
        arquillian.beforeClass(RealWar.class, LifecycleMethodExecutor.NO_OP);
        URI base = RealWar.baseUri(arquillian);
        LOG.info(String.format("deployed the real WAR at %s in %.1f s", base, (System.nanoTime() - started) / 1e9));
        return new Running(e2b, arquillian, base, null);
      } catch (Exception e) {
        return new Running(e2b, arquillian, null, e);
      }
    }

    @Override
    public void close() throws Exception {
      try {
        if (arquillian != null) {
          arquillian.afterClass(RealWar.class, LifecycleMethodExecutor.NO_OP);
          arquillian.afterSuite();
          arquillian.shutdown();
        }
      } finally {
        if (e2b != null) {
          e2b.close();
        }
      }
    }
  }

  /** What Arquillian deploys: target/runlab.war as built, tested from outside. */
  static final class RealWar {
    @ArquillianResource URL base;

    @Deployment(testable = false)
    static WebArchive realWar() {
      return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("runlab.war")));
    }

    /** Arquillian gives the deployment's URL to a client-side instance before each of its tests. */
    static URI baseUri(TestRunnerAdaptor arquillian) throws Exception {
      RealWar war = new RealWar();
      var method = RealWar.class.getDeclaredMethod("realWar");
      arquillian.before(war, method, LifecycleMethodExecutor.NO_OP);
      arquillian.after(war, method, LifecycleMethodExecutor.NO_OP);
      // Payara reports its host name, but Runlab's HTTP listener is bound to loopback.
      return new URI("http", null, "127.0.0.1", war.base.getPort(), war.base.getPath(), null, null);
    }
  }
}
