package org.runlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table stays true: it documents every key Runlab ships a default for. */
class ReadmeConfigTest {
  private static final Pattern KEY = Pattern.compile("^#?\\s*(runlab\\.[a-z0-9.-]+)\\s*=", Pattern.MULTILINE);

  @Test
  void everyConfigurationKeyIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String properties = Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"));
    Matcher m = KEY.matcher(properties);
    List<String> missing = new java.util.ArrayList<>();
    int keys = 0;
    while (m.find()) {
      keys++;
      String key = m.group(1).replaceAll("\\.(anonymous|free|paid)(\\.|$)", ".<tier>$2");
      if (!readme.contains("`" + key + "`")) {
        missing.add(key);
      }
    }
    assertThat(keys).isGreaterThan(20);
    assertThat(missing).as("keys with a default but no row in README.md").isEmpty();
  }

  @Test
  void everyKeyInTheReadmesTablesHasItsDefaultInTheProperties() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String properties = Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"));
    Matcher row = Pattern.compile("^\\| `(runlab\\.[a-z0-9.<>-]+)`", Pattern.MULTILINE).matcher(readme);
    List<String> unknown = new java.util.ArrayList<>();
    while (row.find()) {
      for (String key : row.group(1).contains("<tier>")
          ? List.of("anonymous", "free", "paid").stream().map(t -> row.group(1).replace("<tier>", t)).toList()
          : List.of(row.group(1))) {
        if (!Pattern.compile("^#?\\s*" + Pattern.quote(key) + "\\s*=", Pattern.MULTILINE).matcher(properties).find()) {
          unknown.add(key);
        }
      }
    }
    assertThat(unknown).as("README rows for keys microprofile-config.properties does not have").isEmpty();
  }
}
