package org.runlab.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
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
  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive realWar() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("runlab.war")));
  }

  @TestFactory
  Stream<DynamicNode> runlab() throws Exception {
    // Payara reports its host name, but Runlab's HTTP listener is bound to loopback.
    URI uri = new URI("http", null, "127.0.0.1", base.getPort(), base.getPath(), null, null);
    return Specs.of(uri, PlatformSpec.class, AccountSpec.class, AdminSpec.class, BrowserSpec.class,
        QuotaSpec.class);
  }
}
