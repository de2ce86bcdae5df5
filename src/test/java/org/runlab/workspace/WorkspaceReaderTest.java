package org.runlab.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.runlab.engine.ProjectLimits;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.web.api.ProblemMappers;

class WorkspaceReaderTest {
  private final WorkspaceReader reader = new WorkspaceReader(new ProjectLimits(3, 100, 10, 1000));

  private jakarta.json.JsonObject json(String s) {
    return reader.object(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static int status(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (InvalidInputException e) {
      return ProblemMappers.problemOf(e).status();
    }
  }

  @Test
  void readsFilesEntryAndReason() {
    var body = json("{\"files\":[{\"path\":\"main.py\",\"content\":\"print(1)\"}],\"entry\":\"main.py\",\"reason\":\"run\"}");
    assertThat(reader.workspace(body).entry()).isEqualTo("main.py");
    assertThat(reader.pageReason(body)).isEqualTo(SnapshotReason.RUN);
  }

  @Test
  void refusesPathsTheRunApiRefuses() {
    var body = json("{\"files\":[{\"path\":\"a/../../x.py\",\"content\":\"\"}],\"entry\":\"a/../../x.py\"}");
    assertThatThrownBy(() -> reader.workspace(body)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside the project");
  }

  @Test
  void refusesTooManyFilesTooManyBytesAndOversizeBodies() {
    String four = "{\"files\":[" + "{\"path\":\"a.py\",\"content\":\"\"},{\"path\":\"b.py\",\"content\":\"\"},"
        + "{\"path\":\"c.py\",\"content\":\"\"},{\"path\":\"d.py\",\"content\":\"\"}],\"entry\":\"a.py\"}";
    assertThat(status(() -> reader.workspace(json(four)))).isEqualTo(422);
    String big = "{\"files\":[{\"path\":\"a.py\",\"content\":\"" + "x".repeat(200) + "\"}],\"entry\":\"a.py\"}";
    assertThat(status(() -> reader.workspace(json(big)))).isEqualTo(422);
    assertThat(status(() -> json("{\"x\":\"" + "y".repeat(2000) + "\"}"))).isEqualTo(413);
  }

  @Test
  void refusesReasonsOnlyTheServerGives() {
    assertThat(status(() -> reader.pageReason(json("{\"reason\":\"ADOPT\"}")))).isEqualTo(422);
    assertThat(reader.pageReason(json("{}"))).isEqualTo(SnapshotReason.AUTO);
  }

  @Test
  void refusesNonObjectsAndBrokenJson() {
    assertThat(status(() -> json("[1]"))).isEqualTo(400);
    assertThat(status(() -> json("{"))).isEqualTo(400);
  }
}
