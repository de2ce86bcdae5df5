package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.runlab.engine.ProjectLimits;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.web.api.Problem;
import org.runlab.web.api.ProblemException;
import org.runlab.web.api.ProblemMappers;

class RunRequestReaderTest {
  private final RunRequestReader reader = new RunRequestReader(new ProjectLimits(3, 100, 10, 1000));

  private RunRequest read(String json) {
    return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private Problem problemOf(String json) {
    try {
      read(json);
    } catch (InvalidInputException e) {
      return ProblemMappers.problemOf(e);
    }
    throw new AssertionError("accepted: " + json);
  }

  private Problem problemOfBytes(byte[] body) {
    try {
      reader.read(new ByteArrayInputStream(body));
    } catch (InvalidInputException e) {
      return ProblemMappers.problemOf(e);
    }
    throw new AssertionError("accepted");
  }

  @Test
  void readsAWellFormedRequest() {
    RunRequest r = read("{\"files\":[{\"path\":\"main.py\",\"content\":\"print(1)\"}],\"entry\":\"main.py\","
        + "\"stdin\":\"x\",\"lessonId\":\"hello\",\"engine\":\"Local\",\"wait\":true}");
    assertThat(r.entry()).isEqualTo("main.py");
    assertThat(r.engine()).isEqualTo("local");
    assertThat(r.waitForResult()).isTrue();
    assertThat(r.lessonId()).isEqualTo("hello");
    assertThat(r.browserUnavailable()).isFalse();
  }

  @Test
  void readsThatThePageCannotRunPython() {
    RunRequest r = read("{\"files\":[{\"path\":\"main.py\",\"content\":\"\"}],\"entry\":\"main.py\",\"browserUnavailable\":true}");
    assertThat(r.browserUnavailable()).isTrue();
  }

  @Test
  void defaultsEngineToAutoAndWaitToFalse() {
    RunRequest r = read("{\"files\":[{\"path\":\"main.py\",\"content\":\"\"}],\"entry\":\"main.py\"}");
    assertThat(r.engine()).isEqualTo("auto");
    assertThat(r.waitForResult()).isFalse();
  }

  @Test
  void refusesMalformedJsonWith400() {
    assertThat(problemOf("{\"files\":")).satisfies(p -> {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.field()).isEqualTo("body");
    });
    assertThat(problemOf("[1,2]").status()).isEqualTo(400);
    assertThat(problemOf("").status()).isEqualTo(400);
  }

  @Test
  void refusesInvalidUtf8With400() {
    byte[] body = "{\"files\":[{\"path\":\"main.py\",\"content\":\"\u0000\"}],\"entry\":\"main.py\"}"
        .getBytes(StandardCharsets.UTF_8);
    body[body.length - 22] = (byte) 0xff;
    Problem p = problemOfBytes(body);
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.detail()).contains("not valid UTF-8");
  }

  @Test
  void refusesLoneSurrogatesAsNotUtf8() {
    Problem p = problemOf("{\"files\":[{\"path\":\"main.py\",\"content\":\"\\ud800\"}],\"entry\":\"main.py\"}");
    assertThat(p.status()).isEqualTo(422);
    assertThat(p.field()).isEqualTo("files[0].content");
  }

  @Test
  void refusesNulBytesNamingTheFile() {
    Problem p = problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"x\\u0000y\"}],\"entry\":\"a.py\"}");
    assertThat(p.status()).isEqualTo(422);
    assertThat(p.field()).isEqualTo("files[0].content");
    assertThat(p.detail()).contains("'a.py'", "NUL");
  }

  @Test
  void refusesAMissingEntryAndAnEntryNotAmongTheFiles() {
    assertThat(problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}]}").field()).isEqualTo("entry");
    Problem p = problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}],\"entry\":\"b.py\"}");
    assertThat(p.status()).isEqualTo(422);
    assertThat(p.field()).isEqualTo("entry");
  }

  @Test
  void refusesUnsafePathsNamingTheFile() {
    for (String path : new String[] {"../x.py", "/etc/passwd", "a//b.py", "./a.py", "a\\\\b.py", "a\\u0001.py"}) {
      Problem p = problemOf("{\"files\":[{\"path\":\"" + path + "\",\"content\":\"\"}],\"entry\":\"" + path + "\"}");
      assertThat(p.status()).as(path).isEqualTo(422);
      assertThat(p.detail()).as(path).startsWith("File '");
    }
  }

  @Test
  void refusesTooManyFilesOrBytesOrStdinWith413() {
    String four = "[{\"path\":\"a.py\",\"content\":\"\"},{\"path\":\"b.py\",\"content\":\"\"},"
        + "{\"path\":\"c.py\",\"content\":\"\"},{\"path\":\"d.py\",\"content\":\"\"}]";
    assertThat(problemOf("{\"files\":" + four + ",\"entry\":\"a.py\"}").status()).isEqualTo(413);
    assertThat(problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"" + "x".repeat(101) + "\"}],\"entry\":\"a.py\"}")
        .status()).isEqualTo(413);
    Problem stdin = problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}],\"entry\":\"a.py\",\"stdin\":\"" + "x".repeat(11) + "\"}");
    assertThat(stdin.status()).isEqualTo(413);
    assertThat(stdin.field()).isEqualTo("stdin");
    assertThat(problemOfBytes(new byte[1001]).status()).isEqualTo(413);
  }

  @Test
  void refusesAnUnknownEngineNamingIt() {
    Problem p = problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}],\"entry\":\"a.py\",\"engine\":\"gpu\"}");
    assertThat(p.status()).isEqualTo(422);
    assertThat(p.field()).isEqualTo("engine");
    assertThat(p.detail()).contains("gpu");
  }

  @Test
  void refusesWrongTypes() {
    assertThat(problemOf("{\"files\":\"main.py\",\"entry\":\"a.py\"}").field()).isEqualTo("files");
    assertThat(problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}],\"entry\":3}").field()).isEqualTo("entry");
    assertThat(problemOf("{\"files\":[{\"path\":\"a.py\",\"content\":\"\"}],\"entry\":\"a.py\",\"wait\":\"yes\"}").field())
        .isEqualTo("wait");
    assertThat(problemOf("{\"files\":[7],\"entry\":\"a.py\"}").field()).isEqualTo("files[0]");
  }

  @Test
  void problemsRenderAsRfc9457Json() {
    Problem p = problemOf("{\"files\":[],\"entry\":\"a.py\"}");
    assertThatThrownBy(() -> { throw new ProblemException(p); }).isInstanceOf(ProblemException.class);
    assertThat(p.toJson()).contains("\"status\":422", "\"title\":", "\"detail\":", "\"field\":\"files\"");
  }
}
