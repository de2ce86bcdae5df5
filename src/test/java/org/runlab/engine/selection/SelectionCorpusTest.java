package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.TestConfig;

/**
 * Every labeled program in {@code selection-corpus/} is decided as labeled. A case is a
 * {@code .py} file, or a folder whose {@code main.py} is the entry; the entry's header says
 * {@code # expect: <engine> <primary reason>}, optionally {@code # also: <reasons>},
 * {@code # context: key=value ...} and {@code # settings: key=value ...}. Context keys: tier,
 * e2b-allowed, choice, requested, local, e2b, budget, timeouts, local-installs.
 */
class SelectionCorpusTest {
  private static final PyodideCatalog CATALOG = PyodideCatalog.fromClasspath();
  private static final CodeProfiler PROFILER = new CodeProfiler();

  @Test
  void corpusHasAtLeast150LabeledPrograms() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
  }

  @TestFactory
  Stream<DynamicTest> everyProgramIsDecidedAsLabeled() throws Exception {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<ProjectFile> files = files(c);
      ProjectFile entry = files.stream().filter(f -> f.path().equals("main.py")).findFirst()
          .orElseThrow();
      Map<String, String> header = header(entry.content());
      String[] expect = header.get("expect").split("\\s+");
      SelectionSettings settings = SelectionSettings.from(TestConfig.with(settings(header)));
      SelectionContext context = context(pairs(header.getOrDefault("context", "")));

      Decision d = new EngineSelector(CATALOG, settings)
          .decide(PROFILER.profile(files, "main.py"), context);

      assertThat(d.engineName() + " " + d.primary().code())
          .as("%s: %s", c.getFileName(), d.explanation())
          .isEqualTo(expect[0] + " " + expect[1]);
      for (String also : header.getOrDefault("also", "").split("\\s+")) {
        if (!also.isEmpty()) {
          assertThat(d.has(ReasonCode.valueOf(also))).as("%s has %s: %s", c.getFileName(), also,
              d.reasons()).isTrue();
        }
      }
    }));
  }

  static List<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(SelectionCorpusTest.class.getResource("/selection-corpus").toURI());
    try (Stream<Path> s = Files.list(root)) {
      return s.sorted().toList();
    }
  }

  static List<ProjectFile> files(Path c) throws IOException {
    List<ProjectFile> files = new ArrayList<>();
    if (Files.isDirectory(c)) {
      try (Stream<Path> s = Files.walk(c)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          files.add(new ProjectFile(c.relativize(p).toString().replace('\\', '/'),
              Files.readString(p, StandardCharsets.UTF_8)));
        }
      }
    } else {
      files.add(new ProjectFile("main.py", Files.readString(c, StandardCharsets.UTF_8)));
    }
    return files;
  }

  private static Map<String, String> header(String source) {
    Map<String, String> h = new HashMap<>();
    for (String line : source.split("\n")) {
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon);
      if (!key.matches("# (expect|also|context|settings)")) {
        break;
      }
      h.put(key.substring(2), line.substring(colon + 1).strip());
    }
    return h;
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> m = new HashMap<>();
    for (String kv : text.split("\\s+")) {
      if (kv.contains("=")) {
        m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return m;
  }

  /** The case's settings as full keys: {@code package-base-url} is Pyodide's, the rest selection's. */
  private static Map<String, String> settings(Map<String, String> header) {
    Map<String, String> keys = new java.util.HashMap<>();
    pairs(header.getOrDefault("settings", "")).forEach((k, v) ->
        keys.put(k.equals("package-base-url") ? SelectionSettings.PACKAGE_BASE_URL : SelectionSettings.PREFIX + k, v));
    return keys;
  }

  /** FREE unless told; PAID includes E2B and choice unless told otherwise. */
  private static SelectionContext context(Map<String, String> c) {
    String tier = c.getOrDefault("tier", "FREE");
    boolean paid = tier.equals("PAID");
    return new SelectionContext(
        tier,
        Boolean.parseBoolean(c.getOrDefault("e2b-allowed", String.valueOf(paid))),
        Boolean.parseBoolean(c.getOrDefault("choice", String.valueOf(paid))),
        c.getOrDefault("requested", "auto"),
        !"down".equals(c.get("local")),
        !"down".equals(c.get("e2b")),
        "down".equals(c.get("e2b")) ? "the E2B service does not answer" : null,
        BudgetStage.valueOf(c.getOrDefault("budget", "NORMAL")),
        Integer.parseInt(c.getOrDefault("timeouts", "0")),
        Boolean.parseBoolean(c.getOrDefault("local-installs", "false")));
  }
}
