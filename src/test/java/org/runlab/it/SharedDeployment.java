package org.runlab.it;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * starts it and it stops when the whole run ends. Its database, ports and names are its {@link
 * TestSlot}'s. With {@code -Drunlab.it.base=URL} nothing is deployed and the specs test the server
 * at that URL.
 */
final class SharedDeployment implements ParameterResolver {
  private static final TestSlot SLOT = TestSlot.CURRENT;
  /** Database, its owner and password, cgroup parent and sandbox directory of the deployment. */
  private static final String NAME = SLOT.name("runlab_it");
  /** Where a spec checks what the deployment stored; bin/runlab test creates it afresh. */
  private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + NAME;
  private static final Path HOME = Path.of(System.getProperty("runlab.home", System.getProperty("user.dir")));
  static final Path TARGET = HOME.resolve("target");
  /** The browser package mirror the deployment serves; BrowserPackagesSpec fills it. */
  static final Path PACKAGE_DIR = TARGET.resolve("it-pyodide-packages");
  /** The local engine's wheelhouse; LocalPackagesSpec and EnvironmentSpec build their wheels into it. */
  static final Path WHEELHOUSE = TARGET.resolve("it-wheelhouse");

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
    return DriverManager.getConnection(DB_URL, NAME, NAME);
  }

  /** Starts with an empty mirror, so the browser has the standard library until a spec adds wheels. */
  private static void emptyPackageMirror() throws java.io.IOException {
    Files.createDirectories(WHEELHOUSE);
    Files.createDirectories(PACKAGE_DIR);
    try (var files = Files.list(PACKAGE_DIR)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }

  /** What Arquillian's Payara Micro container reads when it is set up. */
  private static void configurePayara(FakeE2b e2b) {
    int hazelcast = SLOT.port(6950);
    System.setProperty("payara.microJar", TARGET.resolve("payara-micro.jar").toString());
    System.setProperty("payara.clusterEnabled", "true");
    System.setProperty("payara.extraMicroOptions", String.join(" ", "--disablephonehome",
        "--clustermode", "tcpip:127.0.0.1:" + hazelcast, "--startport", String.valueOf(hazelcast),
        "--interfaces", "127.0.0.1", "--clustername", SLOT.name("runlab-it"),
        "--unpackdir", TARGET.resolve("payara-unpack").toString(),
        "--prebootcommandfile", HOME.resolve("payara-config/pre-boot-commands.asadmin").toString()));
    System.setProperty("payara.cmdOptions", String.join(" ", "-Xmx768m", "-Dhazelcast.socket.bind.any=false",
        "-Drunlab.db.url=" + DB_URL, "-Drunlab.db.user=" + NAME, "-Drunlab.db.password=" + NAME,
        "-Drunlab.data-dir=" + TARGET.resolve("it-data"),
        "-Drunlab.local.cgroup-parent=" + NAME, "-Drunlab.local.work-root=/dev/shm/" + NAME,
        "-Drunlab.admin.password=" + AdminSpec.ADMIN_PASSWORD,
        "-Drunlab.pyodide.package-dir=" + PACKAGE_DIR, "-Drunlab.local.wheelhouse=" + WHEELHOUSE,
        // Every client of the tests comes from 127.0.0.1; QuotaClusterIT keeps the address rules.
        "-Drunlab.quota.accounts-per-address-hour=0", "-Drunlab.quota.anonymous-address-factor=100",
        "-Drunlab.e2b.api-key=" + FakeE2b.API_KEY, "-Drunlab.e2b.api-url=" + e2b.apiUrl(),
        "-Drunlab.e2b.sandbox-url=" + e2b.sandboxUrl(), "-Drunlab.e2b.instance=runlab-it",
        "-Drunlab.e2b.package-index-hosts=" + FakeE2b.PACKAGE_INDEX_HOST,
        "-Djava.io.tmpdir=" + TARGET.resolve("tmp")));
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
        e2b = FakeE2b.start(SLOT.port(18300), SLOT.port(18301), FakeE2b.API_KEY);
        String given = System.getProperty("runlab.it.base", "");
        if (!given.isBlank()) {
          LOG.info("testing the server at " + given + "; nothing is deployed");
          return new Running(e2b, null, URI.create(given.endsWith("/") ? given : given + "/"), null);
        }
        long started = System.nanoTime();
        LocalPackagesSpec.buildWheelhouse();
        emptyPackageMirror();
        configurePayara(e2b);
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
      return ShrinkWrap.createFromZipFile(WebArchive.class, TARGET.resolve("runlab.war").toFile());
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
