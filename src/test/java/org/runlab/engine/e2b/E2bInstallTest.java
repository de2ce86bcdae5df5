package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Environment;
import org.runlab.engine.InstallPolicy;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;
import org.runlab.engine.e2b.fake.FakeCall;
import org.runlab.engine.e2b.fake.FakeE2b;
import org.runlab.engine.e2b.fake.FakeNetwork;

/**
 * Installs with egress limited to the package index, the tier's resources and figures, templates
 * and sessions, against the fake E2B with real Python and pip.
 */
class E2bInstallTest {
  private static final InstallPolicy PAID = new InstallPolicy(true, Duration.ofSeconds(60));
  private FakeE2b fake;
  private E2bSessionPool pool;
  private E2bEngine engine;
  private final RecordingLeases leases = new RecordingLeases();
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    fake.publishWheel("runlabgreet", "1.0", "def hello():\n    return 'hello from the index'\n");
    fake.publishWheel("runlabextra", "2.0", "VALUE = 42\n");
    engine = engine(Map.of("package-index-hosts", FakeE2b.PACKAGE_INDEX_HOST));
  }

  private E2bEngine engine(Map<String, String> overrides) {
    if (pool != null) {
      pool.killAll();
    }
    E2bSettings s = E2bTestSupport.settings(fake, new HashMap<>(overrides));
    E2bClient client = E2bTestSupport.client(s);
    pool = new E2bSessionPool(client, s, Instant::now, leases);
    return new E2bEngine(s, client, pool, leases, a -> {});
  }

  @AfterEach
  void stop() {
    pool.killAll();
    fake.close();
    assertThat(fake.livePythonProcesses()).isZero();
  }

  private static RunSpec spec(String main, InstallPolicy install, ProjectFile... more) {
    List<ProjectFile> files = new ArrayList<>(List.of(new ProjectFile("main.py", main)));
    files.addAll(List.of(more));
    return new RunSpec(files, "main.py", "", Limits.defaults(), "ana", E2bTestSupport.IDLE, install,
        Environment.NONE);
  }

  private RunResult run(RunSpec spec) {
    OutputSink sink = new OutputSink() {
      @Override
      public void stdout(String chunk) {}

      @Override
      public void stderr(String chunk) {}

      @Override
      public void progress(String line) {
        progress.add(line);
      }
    };
    return engine.run(spec, sink, new Cancellation());
  }

  private String onlySandbox() {
    assertThat(fake.liveSandboxIds()).hasSize(1);
    return fake.liveSandboxIds().get(0);
  }

  private static int indexOf(List<FakeCall> calls, String kind, String detailStart) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).kind().equals(kind) && calls.get(i).detail().startsWith(detailStart)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void installsFromThePackageIndexAndClosesEgressBeforeTheLearnersCode() {
    RunResult r = run(spec("import runlabgreet\nprint(runlabgreet.hello())", PAID,
        new ProjectFile("requirements.txt", "runlabgreet==1.0\n")));

    assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("hello from the index\n");
    List<FakeCall> calls = fake.calls(onlySandbox());
    int created = indexOf(calls, "create", "");
    int fetched = indexOf(calls, "index", "runlabgreet");
    int pip = indexOf(calls, "execute", "def _runlab_pip");
    int closed = indexOf(calls, "network", "");
    int learner = indexOf(calls, "execute", "def _runlab_run");
    assertThat(calls.get(created).detail())
        .isEqualTo("{\"allowOut\":[\"" + FakeE2b.PACKAGE_INDEX_HOST + "\"],\"denyOut\":[\"0.0.0.0/0\"]}");
    assertThat(List.of(created, pip, fetched, closed, learner)).isSorted().doesNotContain(-1);
    assertThat(calls.get(closed).detail()).isEqualTo("{\"allowOut\":[],\"denyOut\":[\"0.0.0.0/0\"]}");
    assertThat(fake.networkOf(onlySandbox()).closed()).isTrue();
    assertThat(progress).anyMatch(l -> l.startsWith("Installing 1 package"))
        .anyMatch(l -> l.contains("runlabgreet"));
  }

  @Test
  void theLearnersCodeCannotReachThePackageIndex() {
    RunResult r = run(spec("""
        import os, urllib.request, urllib.error
        try:
            urllib.request.urlopen(os.environ['PIP_FIND_LINKS'], timeout=5)
            print('reached')
        except urllib.error.HTTPError as e:
            print('blocked', e.code)
        """, PAID, new ProjectFile("requirements.txt", "runlabgreet\n")));

    assertThat(r.stdout()).isEqualTo("blocked 403\n");
    assertThat(fake.calls(onlySandbox())).last().extracting(FakeCall::kind).isEqualTo("index-refused");
  }

  @Test
  void theLearnersCodeCannotConnectOutAtAll() {
    RunResult r = run(spec("""
        import socket
        try:
            socket.create_connection(('10.255.255.1', 80), timeout=3)
            print('connected')
        except ConnectionRefusedError as e:
            print('refused:', e.strerror)
        """, PAID));

    assertThat(r.stdout()).isEqualTo("refused: Connection refused by the sandbox's egress rules (fake E2B)\n");
  }

  @Test
  void aTierThatMayNotInstallGetsNoIndex() {
    RunResult r = run(spec("print('never')", InstallPolicy.NONE,
        new ProjectFile("requirements.txt", "runlabgreet==1.0\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.notices()).contains("Your plan cannot install packages: only what the cloud sandbox already has can be used.");
    String id = onlySandbox();
    assertThat(fake.calls(id)).noneMatch(c -> c.kind().equals("index") || c.kind().equals("network"));
    assertThat(fake.networkOf(id).closed()).isTrue();
  }

  @Test
  void withoutIndexHostsAnInstallGetsNoNetwork() {
    engine = engine(Map.of());

    RunResult r = run(spec("print('never')", PAID, new ProjectFile("requirements.txt", "runlabgreet\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(fake.networkOf(onlySandbox())).isEqualTo(new FakeNetwork(List.of(), List.of("0.0.0.0/0")));
  }

  @Test
  void aKeptSessionReinstallsOnlyWhenRequirementsChangeAndOpensOnlyTheIndex() {
    ProjectFile one = new ProjectFile("requirements.txt", "runlabgreet\n");
    assertThat(run(spec("import runlabgreet", PAID, one)).verdict()).isEqualTo(Verdict.OK);
    String id = onlySandbox();
    int pipsBefore = (int) fake.calls(id).stream().filter(c -> c.detail().startsWith("def _runlab_pip")).count();

    RunResult same = run(spec("import runlabgreet\nprint('again')", PAID, one));
    RunResult changed = run(spec("import runlabgreet, runlabextra\nprint(runlabextra.VALUE)", PAID,
        new ProjectFile("requirements.txt", "runlabgreet\nrunlabextra\n")));

    assertThat(same.verdict()).isEqualTo(Verdict.OK);
    assertThat(changed.stdout()).isEqualTo("42\n");
    assertThat(onlySandbox()).isEqualTo(id);
    List<FakeCall> calls = fake.calls(id);
    assertThat(calls.stream().filter(c -> c.detail().startsWith("def _runlab_pip")).count()).isEqualTo(pipsBefore + 1);
    int opened = indexOf(calls, "network", "{\"allowOut\":[\"" + FakeE2b.PACKAGE_INDEX_HOST);
    assertThat(opened).isPositive();
    List<FakeCall> after = calls.subList(opened, calls.size());
    assertThat(indexOf(after, "network", "{\"allowOut\":[]")).isLessThan(indexOf(after, "execute", "def _runlab_run"));
    assertThat(after).noneMatch(c -> c.kind().equals("index") && c.detail().startsWith("runlabgreet"));
    assertThat(changed.sessionKeptSeconds()).isEqualTo(E2bTestSupport.IDLE.toSeconds());
  }

  @Test
  void pipOptionsAndLocalPathsAreRefusedLineByLine() {
    RunResult r = run(spec("print('never')", PAID, new ProjectFile("requirements.txt",
        "runlabgreet\n--extra-index-url http://elsewhere.test/simple\n-e .\n./project\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(r.notices()).containsExactly(
        "requirements.txt: '--extra-index-url http://elsewhere.test/simple' is a pip option; only package names and versions are allowed.",
        "requirements.txt: '-e .' is a pip option; only package names and versions are allowed.",
        "requirements.txt: './project' is a local path; only packages from the index can be installed.");
    assertThat(fake.calls(onlySandbox())).noneMatch(c -> c.detail().startsWith("def _runlab_pip"));
  }

  @Test
  void learnerInternetLeavesEgressOpen() {
    engine = engine(Map.of("learner-internet", "true", "package-index-hosts", FakeE2b.PACKAGE_INDEX_HOST));

    RunResult r = run(spec("import runlabgreet", PAID, new ProjectFile("requirements.txt", "runlabgreet\n")));

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    String id = onlySandbox();
    assertThat(fake.internetOf(id)).isTrue();
    assertThat(fake.calls(id)).noneMatch(c -> c.kind().equals("network"));
  }

  @Test
  void anEnvironmentTemplateIsUsedAndNothingInstalled() {
    RunSpec spec = spec("print('ok')", PAID, new ProjectFile("requirements.txt", "runlabgreet\n"))
        .withEnvironment(new Environment("data-science", "", "runlab-ds"));

    RunResult r = run(spec);

    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    String id = onlySandbox();
    assertThat(fake.templateOf(id)).isEqualTo("runlab-ds");
    assertThat(fake.calls(id)).noneMatch(c -> c.detail().startsWith("def _runlab_pip"));
  }

  @Test
  void theTiersTemplateIsUsedAndAChangeOfTemplateEndsTheSession() {
    engine = engine(Map.of("template.paid", "runlab-paid-big"));

    RunResult paid = run(spec("print(1)", PAID).withTier("paid"));
    String first = onlySandbox();
    RunResult other = run(spec("print(2)", PAID).withTier("free"));

    assertThat(paid.verdict()).isEqualTo(Verdict.OK);
    assertThat(other.verdict()).isEqualTo(Verdict.OK);
    assertThat(fake.liveSandboxIds()).doesNotContain(first).hasSize(1);
    assertThat(fake.templateOf(onlySandbox())).isEqualTo("code-interpreter-v1");
    assertThat(leases.closed).extracting(l -> l.sandboxId()).contains(first);
  }

  @Test
  void aMemoryErrorIsMemoryLimit() {
    RunSpec spec = spec("x = bytearray(600 * 1024 * 1024)\nprint('allocated')", PAID);

    RunResult r = run(spec);

    assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.MEMORY_LIMIT);
    assertThat(r.stderr()).contains("MemoryError");
    assertThat(run(spec("y = bytearray(64 * 1024 * 1024)\nprint('fine')", PAID)).stdout()).isEqualTo("fine\n");
  }

  @Test
  void aKernelKilledUnderARunIsMemoryLimit() {
    RunResult r = run(spec("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", PAID));

    assertThat(r.verdict()).isEqualTo(Verdict.MEMORY_LIMIT);
    assertThat(r.notices()).anyMatch(n -> n.contains("killed"));
  }

  @Test
  void cpuTimeAndPeakMemoryAreMeasuredInsideTheSandbox() {
    RunResult r = run(spec("""
        import subprocess, sys
        x = bytearray(50 * 1024 * 1024)
        for i in range(50):
            x[i * 1024 * 1024] = 1
        n = 0
        for i in range(3_000_000):
            n += i
        subprocess.run([sys.executable, '-c', 'sum(range(2_000_000))'])
        print(n)
        """, PAID));

    assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.OK);
    assertThat(r.cpuTimeMs()).isPositive();
    assertThat(r.peakMemoryBytes()).isGreaterThan(50L << 20);
  }

  @Test
  void theCpuTimeLimitStopsTheProgram() {
    RunSpec spec = new RunSpec(List.of(new ProjectFile("main.py", "while True:\n    pass\n")), "main.py", "",
        Limits.defaults().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(20)), "ana",
        E2bTestSupport.IDLE);

    RunResult r = run(spec);

    assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.CPU_LIMIT);
    assertThat(run(spec("print('next')", PAID)).stdout()).isEqualTo("next\n");
  }
}
