package org.runlab.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every black-box test of the real WAR, deployed once on Payara Micro against PostgreSQL. Each
 * spec class holds the tests of one capability.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunlabIT {
  /** The fake E2B the deployment is configured to use (ports fixed in the pom's failsafe setup). */
  static final FakeE2b E2B = startFakeE2b();

  @ArquillianResource URL base;

  private static FakeE2b startFakeE2b() {
    try {
      FakeE2b fake = FakeE2b.start(Integer.getInteger("it.e2b.port", 18300),
          Integer.getInteger("it.e2b.sandbox-port", 18301), FakeE2b.API_KEY);
      Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
      return fake;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not start the fake E2B", e);
    }
  }

  @Deployment(testable = false)
  static WebArchive realWar() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("runlab.war")));
  }

  @TestFactory
  Stream<DynamicNode> runlab() throws Exception {
    // Payara reports its host name, but Runlab's HTTP listener is bound to loopback.
    URI uri = new URI("http", null, "127.0.0.1", base.getPort(), base.getPath(), null, null);
    return Specs.of(uri, PlatformSpec.class, AccountSpec.class, AdminSpec.class, RunApiSpec.class, E2bSpec.class,
        BrowserSpec.class, SnapshotSpec.class, WorkspaceSpec.class, QuotaSpec.class);
  }
}
