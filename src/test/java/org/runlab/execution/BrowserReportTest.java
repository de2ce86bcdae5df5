package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.runlab.engine.Verdict;
import org.runlab.platform.errors.InvalidInputException;

class BrowserReportTest {
  @Test
  void readsAReport() {
    BrowserReport r = BrowserReport.parse(
        "{\"verdict\":\"TIME_LIMIT\",\"exitCode\":null,\"wallTimeMs\":5000,\"peakMemoryBytes\":1024,\"stdout\":\"a\"}");
    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(r.outcome().engine()).isEqualTo("browser");
    assertThat(r.outcome().outputBytes()).isEqualTo(1);
  }

  @Test
  void refusesVerdictsABrowserCannotReach() {
    assertThatThrownBy(() -> BrowserReport.parse("{\"verdict\":\"CPU_LIMIT\"}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("verdict");
    assertThatThrownBy(() -> BrowserReport.parse("{\"verdict\":\"OK\",\"wallTimeMs\":-1}"))
        .hasMessageContaining("wallTimeMs");
    assertThatThrownBy(() -> BrowserReport.parse("nope")).hasMessageContaining("not valid JSON");
  }

  @Test
  void capsReportedOutput() {
    BrowserReport r = BrowserReport.parse("{\"verdict\":\"OK\",\"stdout\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(r.stdout()).hasSize(BrowserReport.MAX_OUTPUT_CHARS);
    assertThat(r.stdoutTruncated()).isTrue();
  }
}
