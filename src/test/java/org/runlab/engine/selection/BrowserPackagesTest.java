package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runlab.platform.TestConfig;

class BrowserPackagesTest {
  @TempDir Path dir;

  @Test
  void noSettingMeansTheStandardLibraryOnly() {
    BrowserPackages p = BrowserPackages.from(TestConfig.defaults());
    assertThat(p.available()).isFalse();
    assertThat(p.wheelsUrl("/runlab")).isEmpty();
    assertThat(p.lockFileUrl("/runlab")).isEmpty();
    assertThat(SelectionSettings.from(TestConfig.defaults()).browserHasPackages()).isFalse();
  }

  @Test
  void aBaseUrlElsewhereUsesTheShippedLockFile() {
    BrowserPackages p = BrowserPackages.from(TestConfig.with(Map.of(BrowserPackages.BASE_URL,
        "https://mirror.example/pyodide/v314.0.7/full")));
    assertThat(p.available()).isTrue();
    assertThat(p.wheelsUrl("/runlab")).isEqualTo("https://mirror.example/pyodide/v314.0.7/full/");
    assertThat(p.lockFileUrl("/runlab")).isEmpty();
  }

  @Test
  void aServedDirectoryCountsOnlyOnceItHoldsALockFile() throws Exception {
    BrowserPackages p = BrowserPackages.from(TestConfig.with(Map.of(BrowserPackages.DIR, dir.toString())));
    assertThat(p.available()).as("an empty mirror has nothing for the browser").isFalse();
    assertThat(SelectionSettings.from(TestConfig.with(Map.of(BrowserPackages.DIR, dir.toString())))
        .browserHasPackages()).isFalse();
    Files.writeString(dir.resolve("pyodide-lock.json"), "{}");
    assertThat(p.available()).isTrue();
    assertThat(p.wheelsUrl("/runlab")).isEqualTo("/runlab/pyodide-packages/");
    assertThat(p.lockFileUrl("/runlab")).isEqualTo("/runlab/pyodide-packages/pyodide-lock.json");
    assertThat(p.lockFileUrl("")).isEqualTo("/pyodide-packages/pyodide-lock.json");
  }

  @Test
  void aDirectoryWithABaseUrlLoadsWheelsFromThatUrlWithTheMirrorsLockFile() throws Exception {
    Files.writeString(dir.resolve("pyodide-lock.json"), "{}");
    BrowserPackages p = BrowserPackages.from(TestConfig.with(Map.of(BrowserPackages.DIR, dir.toString(),
        BrowserPackages.BASE_URL, "/static-wheels")));
    assertThat(p.wheelsUrl("/runlab")).isEqualTo("/static-wheels/");
    assertThat(p.lockFileUrl("/runlab")).isEqualTo("/runlab/pyodide-packages/pyodide-lock.json");
  }

  @Test
  void aBaseUrlThatIsNeitherHttpNorASitePathIsRefused() {
    assertThatThrownBy(() -> new BrowserPackages("ftp://example.org/x/", java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BrowserPackages.BASE_URL)
        .hasMessageContaining("ftp://example.org/x/");
    assertThatThrownBy(() -> new BrowserPackages("wheels/", java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
