package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;
import org.runlab.engine.e2b.fake.FakeE2b;

/** The code interpreter and envd calls against the fake, with real Python behind them. */
class E2bClientSandboxTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private FakeE2b fake;
  private E2bClient client;
  private SandboxCalls calls;

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    client = E2bTestSupport.client(fake);
    calls = client.sandbox();
  }

  @AfterEach
  void stop() {
    fake.liveSandboxIds().forEach(client::kill);
    assertThat(fake.liveSandboxIds()).isEmpty();
    assertThat(fake.livePythonProcesses()).isZero();
    fake.close();
  }

  private SandboxAddress ready() {
    SandboxAddress s = client.create(Map.of());
    calls.awaitInterpreter(s, Duration.ofSeconds(5));
    return s;
  }

  @Test
  void executeStreamsStdoutStderrAndTheCellValue() {
    SandboxAddress s = ready();
    List<String> seen = new ArrayList<>();

    Execution e =
        calls.execute(s, null, "import sys\nprint('hello')\nprint('careful', file=sys.stderr)\nx = 40 + 2\nx",
            recorder(seen), DEADLINE, null);

    assertThat(e.stdout()).isEqualTo("hello\n");
    assertThat(e.stderr()).isEqualTo("careful\n");
    assertThat(e.text()).isEqualTo("42");
    assertThat(e.error()).isNull();
    assertThat(e.executionCount()).isEqualTo(1);
    assertThat(String.join("", seen)).isEqualTo("out:helloout:\nerr:carefulerr:\n");
  }

  @Test
  void contextKeepsStateBetweenExecutionsUntilRestarted() {
    SandboxAddress s = ready();
    String ctx = calls.createContext(s);

    calls.execute(s, ctx, "counter = 41", OutputSink.NONE, DEADLINE, null);
    assertThat(calls.execute(s, ctx, "counter + 1", OutputSink.NONE, DEADLINE, null).text()).isEqualTo("42");

    calls.restartContext(s, ctx);
    Execution after = calls.execute(s, ctx, "counter", OutputSink.NONE, DEADLINE, null);
    assertThat(after.error().name()).isEqualTo("NameError");
  }

  @Test
  void errorEventCarriesNameValueAndTraceback() {
    SandboxAddress s = ready();

    Execution e = calls.execute(s, null, "1/0", OutputSink.NONE, DEADLINE, null);

    assertThat(e.error().name()).isEqualTo("ZeroDivisionError");
    assertThat(e.error().value()).isEqualTo("division by zero");
    assertThat(e.error().traceback()).contains("ZeroDivisionError: division by zero");
    assertThat(e.finished()).isTrue();
  }

  @Test
  void matplotlibFigureArrivesAsPng() {
    SandboxAddress s = ready();

    Execution e =
        calls.execute(s, null, "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()",
            OutputSink.NONE, DEADLINE, null);

    byte[] png = e.outputs().get(0).png();
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    assertThat(e.outputs().get(0).mainResult()).isFalse();
  }

  @Test
  void eventsSplitAcrossChunksAreReassembled() {
    fake.faults.splitEvents = true;
    SandboxAddress s = ready();

    Execution e = calls.execute(s, null, "print('é' * 3)\n'naïve'", OutputSink.NONE, DEADLINE, null);

    assertThat(e.stdout()).isEqualTo("ééé\n");
    assertThat(e.text()).isEqualTo("naïve");
  }

  @Test
  void unknownEventsAndFieldsAreIgnored() {
    fake.faults.unknownEvents = true;
    SandboxAddress s = ready();

    Execution e = calls.execute(s, null, "print('ok')\n7", OutputSink.NONE, DEADLINE, null);

    assertThat(e.stdout()).isEqualTo("ok\n");
    assertThat(e.text()).isEqualTo("7");
  }

  @Test
  void keepalivesDuringALongCellAreIgnored() {
    fake.faults.keepaliveInterval = Duration.ofMillis(50);
    SandboxAddress s = ready();

    Execution e =
        calls.execute(s, null, "import time\ntime.sleep(0.4)\nprint('done')", OutputSink.NONE, DEADLINE, null);

    assertThat(e.stdout()).isEqualTo("done\n");
    assertThat(e.finished()).isTrue();
  }

  @Test
  void silentStreamHitsTheDeadlineAndRestartFreesTheContext() {
    SandboxAddress s = ready();
    String ctx = calls.createContext(s);
    fake.faults.silentExecutions.set(1);

    assertThatThrownBy(() -> calls.execute(s, ctx, "print('x')", OutputSink.NONE, Duration.ofMillis(500), null))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.DEADLINE));

    calls.restartContext(s, ctx);
    assertThat(calls.execute(s, ctx, "1 + 1", OutputSink.NONE, DEADLINE, null).text()).isEqualTo("2");
  }

  @Test
  void cancellationStopsARunningCellAndTheKernelIsInterrupted() throws Exception {
    SandboxAddress s = ready();
    String ctx = calls.createContext(s);
    Cancellation c = new Cancellation();
    fake.faults.keepaliveInterval = Duration.ofMillis(50);
    Thread canceller = new Thread(() -> {
      sleep(400);
      c.cancel();
    });
    canceller.start();

    Execution e = calls.execute(s, ctx, "import time\nprint('start', flush=True)\ntime.sleep(30)", OutputSink.NONE, DEADLINE, c);

    assertThat(e.finished()).isFalse();
    assertThat(e.stdout()).isEqualTo("start\n");
    assertThat(calls.execute(s, ctx, "'free again'", OutputSink.NONE, DEADLINE, null).text())
        .isEqualTo("free again");
  }

  @Test
  void portNotOpenAtFirstIsWaitedFor() {
    fake.faults.portClosedFor = Duration.ofMillis(700);
    SandboxAddress s = client.create(Map.of());

    calls.awaitInterpreter(s, Duration.ofSeconds(5));

    assertThat(calls.execute(s, null, "3", OutputSink.NONE, DEADLINE, null).text()).isEqualTo("3");
  }

  @Test
  void portNotOpenTooLongIsReported() {
    fake.faults.portClosedFor = Duration.ofSeconds(30);
    SandboxAddress s = client.create(Map.of());

    assertThatThrownBy(() -> calls.awaitInterpreter(s, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.PORT_NOT_OPEN));
  }

  @Test
  void sandboxKilledUnderneathGives502NotFound() {
    SandboxAddress s = ready();
    fake.killFromOutside(s.id());

    assertThatThrownBy(() -> calls.execute(s, null, "1", OutputSink.NONE, DEADLINE, null))
        .isInstanceOfSatisfying(E2bException.class, e -> {
          assertThat(e.kind()).isEqualTo(E2bException.Kind.SANDBOX_GONE);
          assertThat(e.status()).isEqualTo(502);
        });
  }

  @Test
  void sandboxDyingMidExecutionCutsTheStream() {
    SandboxAddress s = ready();
    Thread killer = new Thread(() -> {
      sleep(400);
      fake.killFromOutside(s.id());
    });
    killer.start();

    assertThatThrownBy(() -> calls.execute(s, null, "import time\ntime.sleep(10)", OutputSink.NONE, DEADLINE, null))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.kind()).isEqualTo(E2bException.Kind.NETWORK));
  }

  @Test
  void filesUploadAsMultipartAndAreVisibleToCode() throws Exception {
    SandboxAddress s = ready();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("project/main.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    files.put("project/data/notes.txt", "ünïcode\n".getBytes(StandardCharsets.UTF_8));

    calls.upload(s, files);

    assertThat(fake.readFile(s.id(), "project/data/notes.txt")).isEqualTo("ünïcode\n");
    assertThat(new String(calls.download(s, "project/main.py"), StandardCharsets.UTF_8)).isEqualTo("print('hi')\n");
    assertThat(calls.execute(s, null, "open('project/data/notes.txt', encoding='utf-8').read()", OutputSink.NONE, DEADLINE, null).text())
        .isEqualTo("ünïcode\\n");
  }

  @Test
  void envdRefusesAWrongAccessToken() {
    SandboxAddress s = ready();
    SandboxAddress forged = new SandboxAddress(s.id(), s.templateId(), "tok_wrong", null);

    assertThatThrownBy(() -> calls.upload(forged, Map.of("x.txt", new byte[] {1})))
        .isInstanceOfSatisfying(E2bException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  private static OutputSink recorder(List<String> seen) {
    return new OutputSink() {
      @Override
      public void stdout(String text) {
        seen.add("out:" + text);
      }

      @Override
      public void stderr(String text) {
        seen.add("err:" + text);
      }
    };
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
