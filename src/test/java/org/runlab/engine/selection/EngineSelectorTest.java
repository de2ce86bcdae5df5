package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.runlab.engine.EngineId;
import org.runlab.engine.ProjectFile;
import org.runlab.platform.TestConfig;

class EngineSelectorTest {
  private static final PyodideCatalog CATALOG = PyodideCatalog.fromClasspath();
  private static final CodeProfiler PROFILER = new CodeProfiler();
  private static final EngineSelector DEFAULTS =
      new EngineSelector(CATALOG, SelectionSettings.from(TestConfig.defaults()));

  private static CodeProfile code(String main) {
    return PROFILER.profile(List.of(new ProjectFile("main.py", main)), "main.py");
  }

  @Test
  void plainCodeRunsInTheBrowser() {
    Decision d = DEFAULTS.decide(code("print(sum(range(10)))\n"), SelectionContext.free());
    assertThat(d.engine()).isEqualTo(EngineId.BROWSER);
    assertThat(d.primary().code()).isEqualTo(ReasonCode.DEFAULT_BROWSER);
  }

  @Test
  void explainsAMissingPackageInTheLearnersWords() {
    Decision d = DEFAULTS.decide(code("import pandas as pd\n"), SelectionContext.free());
    assertThat(d.engine()).isEqualTo(EngineId.LOCAL);
    assertThat(d.primary().text())
        .isEqualTo("Your program uses pandas, which is not available in your browser.");
  }

  @Test
  void lockPackagesRunInTheBrowserOnlyWithAPackageBaseUrl() {
    EngineSelector withPackages = new EngineSelector(CATALOG,
        SelectionSettings.from(TestConfig.defaults()).withPackageBaseUrl("https://static.example/pkgs/"));
    CodeProfile numpy = code("import numpy\n");
    assertThat(DEFAULTS.decide(numpy, SelectionContext.free()).engine()).isEqualTo(EngineId.LOCAL);
    assertThat(withPackages.decide(numpy, SelectionContext.free()).engine()).isEqualTo(EngineId.BROWSER);
  }

  @Test
  void inputAloneDoesNotNeedAServer() {
    assertThat(DEFAULTS.decide(code("n = input('n? ')\n"), SelectionContext.free()).engine())
        .isEqualTo(EngineId.BROWSER);
  }

  @Test
  void refusesAbuseWhateverTheTierAndChoice() {
    Decision d = DEFAULTS.decide(code("import os\nwhile True: os.fork()\n"),
        SelectionContext.paid().withRequested("e2b"));
    assertThat(d.refused()).isTrue();
    assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.ABUSE);
  }

  @Test
  void paidTierGoesToE2bAndFallsBackToLocalWhenE2bIsDown() {
    CodeProfile threads = code("import threading\n");
    assertThat(DEFAULTS.decide(threads, SelectionContext.paid()).engine()).isEqualTo(EngineId.E2B);
    Decision down = DEFAULTS.decide(threads, SelectionContext.paid().withE2bDown("timeout"));
    assertThat(down.engine()).isEqualTo(EngineId.LOCAL);
    assertThat(down.explanation()).contains("The cloud sandbox is not available right now.")
        .doesNotContain("timeout");
  }

  @Test
  void budgetStageKeepsFreeTiersOffE2b() {
    SelectionContext freeWithE2b = new SelectionContext("FREE", true, true, "e2b", true, true,
        null, BudgetStage.PAID_ONLY, 0);
    Decision d = DEFAULTS.decide(code("import threading\n"), freeWithE2b);
    assertThat(d.engine()).isEqualTo(EngineId.LOCAL);
    assertThat(d.has(ReasonCode.BUDGET)).isTrue();
  }

  @Test
  void learnerChoiceIsIgnoredWhereTheTierDoesNotAllowIt() {
    Decision d = DEFAULTS.decide(code("print(1)\n"), SelectionContext.free().withRequested("local"));
    assertThat(d.engine()).isEqualTo(EngineId.BROWSER);
    assertThat(d.has(ReasonCode.CHOICE_NOT_ALLOWED)).isTrue();
  }

  @Test
  void repeatedBrowserTimeoutsSendTheLessonToAServer() {
    Decision d = DEFAULTS.decide(code("print(1)\n"),
        SelectionContext.free().withEarlierBrowserTimeouts(2));
    assertThat(d.engine()).isEqualTo(EngineId.LOCAL);
    assertThat(d.primary().code()).isEqualTo(ReasonCode.LONG_RUNTIME);
  }

  @Test
  void noServerLeftMeansNoEngine() {
    Decision d = DEFAULTS.decide(code("import socket\n"),
        SelectionContext.free().withLocalAvailable(false));
    assertThat(d.engine()).isNull();
    assertThat(d.primary().code()).isEqualTo(ReasonCode.NO_SERVER);
  }
}
