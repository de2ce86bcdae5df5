package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PyodideCatalogTest {
  private static final PyodideCatalog SHIPPED = PyodideCatalog.fromClasspath();

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheLockFileTheBuildShipped() {
    assertThat(SHIPPED.version()).isEqualTo("314.0.7");
    assertThat(SHIPPED.pythonVersion()).isEqualTo("3.14.2");
    assertThat(SHIPPED.packageFor("numpy")).contains("numpy");
    assertThat(SHIPPED.packageFor("sklearn")).contains("scikit-learn");
    assertThat(SHIPPED.packageFor("PIL")).contains("Pillow");
    assertThat(SHIPPED.packageImportCount()).isGreaterThan(300);
  }

  @Test
  void aMirrorsLockFileSaysWhichPackagesTheBrowserHas() {
    PyodideCatalog mirror = SHIPPED.withLock(text("{\"info\":{\"python\":\"3.14.2\"},\"packages\":{"
        + "\"runlab-hello\":{\"name\":\"runlab-hello\",\"package_type\":\"package\","
        + "\"imports\":[\"runlab_hello\"]}}}"));
    assertThat(mirror.packageFor("runlab_hello")).contains("runlab-hello");
    assertThat(mirror.packageFor("numpy")).as("not in the mirror").isEmpty();
    assertThat(mirror.isStandardModule("json")).isTrue();
    assertThat(mirror.version()).isEqualTo("314.0.7");
  }

  @Test
  void aLockFileWithoutPackagesIsRefusedWithAReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SHIPPED.withLock(text("{\"info\":{}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no \"packages\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SHIPPED.withLock(text("not json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
  }

  @Test
  void sharedLibrariesAreNotImportable() {
    assertThat(SHIPPED.packageFor("libopenblas")).isEmpty();
  }

  @Test
  void knowsTheStandardLibrary() {
    assertThat(SHIPPED.isStandardModule("json")).isTrue();
    assertThat(SHIPPED.isStandardModule("tomllib")).isTrue();
    assertThat(SHIPPED.isStandardModule("pandas")).isFalse();
  }

  @Test
  void explainsStandardModulesThatDoNotWorkInTheBrowser() {
    assertThat(SHIPPED.browserLimitation("threading")).hasValueSatisfying(
        why -> assertThat(why).contains("threads"));
    assertThat(SHIPPED.browserLimitation("concurrent.futures.thread")).isPresent();
    assertThat(SHIPPED.browserLimitation("tkinter.messagebox")).isPresent();
    assertThat(SHIPPED.browserLimitation("urllib.parse")).isEmpty();
    assertThat(SHIPPED.browserLimitation("json")).isEmpty();
  }

  @Test
  void followsWhateverLockFileItIsGiven() {
    String lock = "{\"info\":{\"python\":\"3.99.0\"},\"packages\":{"
        + "\"foo-bar\":{\"name\":\"foo-bar\",\"imports\":[\"foo\"],\"package_type\":\"package\"},"
        + "\"libz\":{\"name\":\"libz\",\"imports\":[],\"package_type\":\"shared_library\"}}}";
    PyodideCatalog c = PyodideCatalog.read("999.0.0", text(lock), text("# none\nsocket  no\n"),
        text("socket\nos\n"));
    assertThat(c.packageFor("foo")).contains("foo-bar");
    assertThat(c.packageFor("numpy")).isEmpty();
    assertThat(c.browserLimitation("socket")).contains("no");
    assertThat(c.pythonVersion()).isEqualTo("3.99.0");
  }
}
