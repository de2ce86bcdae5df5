package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runlab.engine.local.SandboxFixture.assertHostUnharmed;
import static org.runlab.engine.local.SandboxFixture.marker;
import static org.runlab.engine.local.SandboxFixture.quick;
import static org.runlab.engine.local.SandboxFixture.run;
import static org.runlab.engine.local.SandboxFixture.sentinel;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

/** Hostile and broken programs in a real sandbox: each gets its verdict and leaves the host whole. */
class LocalEngineHostileProgramsTest {

  @Test
  void cannotConnectToALiveListenerOnTheHostLoopback() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      AtomicInteger accepted = new AtomicInteger();
      CompletableFuture.runAsync(
          () -> {
            try (Socket s = listener.accept()) {
              accepted.incrementAndGet();
            } catch (Exception closed) {
              // the listener closes at the end of the test
            }
          });
      String m = marker();
      RunResult r =
          run("# " + m + "\nimport socket\ntry:\n    socket.create_connection(('127.0.0.1', "
              + listener.getLocalPort() + "), timeout=2)\n    print('connected')\n"
              + "except OSError as e:\n    print('blocked', e.errno)\n");
      assertThat(r.verdict()).isEqualTo(Verdict.OK);
      assertThat(r.stdout()).startsWith("blocked");
      assertThat(accepted.get()).isZero();
      assertHostUnharmed(m);
    }
  }

  @Test
  void cannotResolveHostNames() throws Exception {
    RunResult r =
        run("import socket\ntry:\n    socket.getaddrinfo('example.org', 80)\n    print('resolved')\n"
            + "except OSError as e:\n    print('no dns')\n");
    assertThat(r.stdout()).isEqualTo("no dns\n");
    assertHostUnharmed(marker());
  }

  @Test
  void cannotReadEtcShadow() throws Exception {
    RunResult r = run("print(open('/etc/shadow').read())");
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("FileNotFoundError").doesNotContain("root:");
    assertHostUnharmed(marker());
  }

  @Test
  void cannotSeeRootHomeSysOrHome() throws Exception {
    RunResult r =
        run("import os\nprint([os.path.exists(p) for p in ('/root', '/home', '/sys', '/var', "
            + "'/etc/passwd', '/etc/ssh')])");
    assertThat(r.stdout()).isEqualTo("[False, False, False, False, False, False]\n");
    assertHostUnharmed(marker());
  }

  @Test
  void cannotSeeOtherProcessesInProc() throws Exception {
    long jvm = ProcessHandle.current().pid();
    RunResult r =
        run("import os\npids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
            + "print(os.path.exists('/proc/" + jvm + "/environ'), len(pids) <= 3, "
            + "open('/proc/1/cmdline').read().split('\\0')[0])");
    assertThat(r.stdout()).isEqualTo("False True /usr/bin/bwrap\n");
    assertHostUnharmed(marker());
  }

  @Test
  void cannotSeeTheHostTmp() throws Exception {
    Path secret = sentinel("sentinel secret");
    RunResult r =
        run("import os\nprint(os.path.exists('" + secret + "'), os.listdir('/tmp'))");
    assertThat(r.stdout()).isEqualTo("False ['mpl']\n");
    assertHostUnharmed(marker(), secret);
  }

  @Test
  void cannotWriteOutsideTheWorkDirectory() throws Exception {
    Path target = sentinel("sentinel original");
    RunResult r =
        run("import errno\nfor p in ['/usr/pwned', '/etc/pwned', '/pwned', '/opt/runlab/runner.py', '"
            + target + "']:\n    try:\n        open(p, 'w').write('pwned')\n        print('wrote', p)\n"
            + "    except OSError as e:\n        print(errno.errorcode[e.errno])\n");
    assertThat(r.stdout()).doesNotContain("wrote");
    assertHostUnharmed(marker(), target);
  }

  @Test
  void refusesToReturnSymlinksPlantedInTheWorkDirectoryPointingOutside() throws Exception {
    Path secret = sentinel("sentinel host secret");
    RunResult r =
        run("import os\nos.symlink('/etc/shadow', 'out/shadow.txt')\n"
            + "os.symlink('" + secret + "', 'out/secret.png')\n"
            + "os.symlink('/etc', 'out/etc')\nos.symlink('/etc/passwd', 'passwd')\n"
            + "try:\n    print(open('out/secret.png').read())\nexcept OSError:\n    print('dangling')\n"
            + "open('out/real.txt', 'w').write('mine')\n");
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("dangling\n");
    assertThat(r.files()).extracting(OutputFile::path).containsExactly("out/real.txt");
    assertThat(r.files().get(0).content()).isEqualTo("mine".getBytes());
    assertThat(r.notices()).anyMatch(n -> n.startsWith("out/secret.png was not returned"));
    assertHostUnharmed(marker(), secret);
  }

  @Test
  void refusesAnOutFolderReplacedByASymlinkToTheHostEtc() throws Exception {
    RunResult r = run("import os\nos.rmdir('out')\nos.symlink('/etc', 'out')\nprint('swapped')");
    assertThat(r.stdout()).isEqualTo("swapped\n");
    assertThat(r.files()).isEmpty();
    assertHostUnharmed(marker());
  }

  @Test
  void forkBombIsContainedAndCleanedUp() throws Exception {
    String m = marker();
    RunResult r =
        run("# " + m + "\nimport os\nwhile True:\n    try:\n        os.fork()\n"
            + "    except OSError:\n        pass\n",
            quick().withWallTime(Duration.ofSeconds(2)).withProcesses(32));
    assertThat(r.verdict()).isIn(Verdict.TIME_LIMIT, Verdict.CPU_LIMIT);
    assertHostUnharmed(m);
  }

  @Test
  void threadBombStopsAtTheProcessLimit() throws Exception {
    RunResult r =
        run("import threading, time\nn = 0\ntry:\n    while True:\n"
            + "        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
            + "        n += 1\nexcept RuntimeError:\n    print('stopped at', n)\n",
            quick().withProcesses(40));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).startsWith("stopped at");
    int threads = Integer.parseInt(r.stdout().trim().split(" ")[2]);
    assertThat(threads).isBetween(30, 40);
    assertHostUnharmed(marker());
  }

  @Test
  void twoGibibyteAllocationIsAMemoryLimit() throws Exception {
    RunResult r = run("x = b'x' * (2 << 30)\nprint(len(x))", quick());
    assertThat(r.verdict()).isEqualTo(Verdict.MEMORY_LIMIT);
    assertThat(r.peakMemoryBytes()).isBetween(100L << 20, 300L << 20);
    assertHostUnharmed(marker());
  }

  @Test
  void infiniteLoopIsATimeLimit() throws Exception {
    RunResult r =
        run("while True:\n    pass\n", quick().withWallTime(Duration.ofSeconds(1)));
    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(r.wallTimeMs()).isBetween(1000L, 4000L);
    assertHostUnharmed(marker());
  }

  @Test
  void sleepingPastTheWallClockIsATimeLimit() throws Exception {
    RunResult r =
        run("import time\ntime.sleep(60)", quick().withWallTime(Duration.ofMillis(500)));
    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertThat(r.cpuTimeMs()).isLessThan(500);
    assertHostUnharmed(marker());
  }

  @Test
  void cpuSpinIsACpuLimit() throws Exception {
    RunResult r =
        run("while True:\n    pass\n",
            quick().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(8)));
    assertThat(r.verdict()).isEqualTo(Verdict.CPU_LIMIT);
    assertThat(r.cpuTimeMs()).isBetween(1000L, 2500L);
    assertHostUnharmed(marker());
  }

  @Test
  void cpuSpreadOverSeveralProcessesIsACpuLimit() throws Exception {
    String m = marker();
    RunResult r =
        run("# " + m + "\nimport os\nfor _ in range(3):\n    if os.fork() == 0:\n        break\n"
            + "while True:\n    pass\n",
            quick().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(8)));
    assertThat(r.verdict()).isEqualTo(Verdict.CPU_LIMIT);
    assertThat(r.wallTimeMs()).isLessThan(4000);
    assertHostUnharmed(m);
  }

  @Test
  void cpuRlimitBacksUpTheCgroupWithSoftBelowHard() throws Exception {
    RunResult r =
        run("import resource\nsoft, hard = resource.getrlimit(resource.RLIMIT_CPU)\n"
            + "print(2 <= soft <= 3, hard == soft + 1)\n"
            + "print(resource.getrlimit(resource.RLIMIT_FSIZE), resource.getrlimit(resource.RLIMIT_NOFILE),"
            + " resource.getrlimit(resource.RLIMIT_CORE))",
            quick().withCpuTime(Duration.ofSeconds(2)));
    assertThat(r.stdout())
        .isEqualTo("True True\n(10485760, 10485760) (256, 256) (0, 0)\n");
  }

  @Test
  void hundredMegabytesOfOutputIsAnOutputLimitStoppedEarly() throws Exception {
    RunResult r = run("import sys\nfor _ in range(100):\n    sys.stdout.write('x' * 1_000_000)\n");
    assertThat(r.verdict()).isEqualTo(Verdict.OUTPUT_LIMIT);
    assertThat(r.stdoutTruncated()).isTrue();
    assertThat(r.stdout()).hasSize((int) Limits.defaults().outputBytes());
    assertThat(r.wallTimeMs()).isLessThan(5000);
    assertHostUnharmed(marker());
  }

  @Test
  void hundredMegabyteFileStopsAtTheFileSizeLimit() throws Exception {
    RunResult r =
        run("import os\ntry:\n    with open('big.bin', 'wb') as f:\n"
            + "        for _ in range(100):\n            f.write(b'x' * 1_000_000)\n"
            + "except OSError as e:\n    print('stopped', e.errno)\nprint(os.path.getsize('big.bin'))\n");
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("stopped 27\n" + Limits.defaults().fileBytes() + "\n");
    assertHostUnharmed(marker());
  }

  @Test
  void daemonLeftBehindIsKilledWithTheRun() throws Exception {
    String m = marker();
    RunResult r =
        run("import os, subprocess\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            + "        os.execv('/usr/bin/python3', ['python3', '-c', 'import time; time.sleep(600)', '"
            + m + "'])\n    os._exit(0)\nos.wait()\nprint('parent done')\n");
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("parent done\n");
    assertHostUnharmed(m);
  }

  @Test
  void setsidEscapeIsKilledOnTimeout() throws Exception {
    String m = marker();
    RunResult r =
        run("import os, time\nif os.fork() == 0:\n    os.setsid()\n"
            + "    os.execv('/usr/bin/python3', ['python3', '-c', 'while True: pass', '" + m + "'])\n"
            + "time.sleep(60)\n",
            quick().withWallTime(Duration.ofSeconds(1)));
    assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT);
    assertHostUnharmed(m);
  }

  @Test
  void leftoversInTmpShmAndWorkAreNotVisibleToTheNextRun() throws Exception {
    String m = marker();
    RunResult first =
        run("for p in ['/tmp/" + m + "', '/dev/shm/" + m + "', 'helper.py']:\n"
            + "    open(p, 'w').write('print(\"poisoned\")')\nprint('planted')\n");
    assertThat(first.stdout()).isEqualTo("planted\n");
    RunResult second =
        run("import os\nprint(os.path.exists('/tmp/" + m + "'), os.path.exists('/dev/shm/" + m
            + "'), os.path.exists('helper.py'))");
    assertThat(second.stdout()).isEqualTo("False False False\n");
    assertHostUnharmed(m);
  }

  @Test
  void runsAsNobodyWithNoCapabilities() throws Exception {
    RunResult r =
        run("import os\nstatus = open('/proc/self/status').read()\n"
            + "cap = [l.split()[1] for l in status.splitlines() if l.startswith('CapEff')][0]\n"
            + "print(os.getuid(), os.getgid(), cap)\n"
            + "try:\n    os.setuid(0)\n    print('root!')\nexcept OSError:\n    print('no root')\n");
    assertThat(r.stdout()).isEqualTo("65534 65534 0000000000000000\nno root\n");
    assertHostUnharmed(marker());
  }

  @Test
  void hostSeesEverySandboxProcessAsNobody() throws Exception {
    String m = marker();
    CompletableFuture<RunResult> running =
        CompletableFuture.supplyAsync(
            () -> run("import subprocess\nsubprocess.run(['/usr/bin/python3', '-c', "
                + "'import time; time.sleep(2)', '" + m + "'])\nprint('done')"));
    List<Long> pids = List.of();
    for (int i = 0; i < 40 && pids.isEmpty(); i++) {
      Thread.sleep(50);
      pids = SandboxFixture.processesMentioning(m);
    }
    assertThat(pids).isNotEmpty();
    for (long pid : pids) {
      String uids =
          java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
              .filter(l -> l.startsWith("Uid:"))
              .findFirst()
              .orElseThrow();
      assertThat(uids.split("\\s+")).containsExactly("Uid:", "65534", "65534", "65534", "65534");
    }
    assertThat(running.get().stdout()).isEqualTo("done\n");
    assertHostUnharmed(m);
  }

  @Test
  void ptraceIsBlocked() throws Exception {
    assertThat(syscallErrno("libc.ptrace(0, 0, None, None)")).isEqualTo("EPERM");
  }

  @Test
  void mountIsBlocked() throws Exception {
    assertThat(syscallErrno("libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)")).isEqualTo("EPERM");
  }

  @Test
  void unshareIsBlocked() throws Exception {
    assertThat(syscallErrno("libc.unshare(0x10000000)")).isEqualTo("EPERM");
  }

  @Test
  void bpfKeyctlAndIoUringAreBlocked() throws Exception {
    assertThat(syscallErrno("libc.syscall(321, 0, None, 0)")).isEqualTo("EPERM");
    assertThat(syscallErrno("libc.syscall(250, 0, 0, 0, 0, 0)")).isEqualTo("EPERM");
    assertThat(syscallErrno("libc.syscall(425, 8, None)")).isEqualTo("EPERM");
  }

  @Test
  void pidOneEnvironmentHoldsNothingFromTheHost() throws Exception {
    RunResult r =
        run("import os\nenv = open('/proc/1/environ').read().split('\\0')\n"
            + "print(sorted(e.split('=')[0] for e in env if e))\nprint(sorted(os.environ))");
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("['PATH', 'PWD']");
    assertThat(lines.get(1))
        .isEqualTo("['HOME', 'LANG', 'MPLBACKEND', 'MPLCONFIGDIR', 'OMP_NUM_THREADS', "
            + "'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', "
            + "'PYTHONUNBUFFERED']");
    assertHostUnharmed(marker());
  }

  @Test
  void selfInflictedKillIsARuntimeError() throws Exception {
    RunResult r = run("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(137);
    assertHostUnharmed(marker());
  }

  @Test
  void syntaxErrorIsARuntimeErrorWithALearnerTraceback() throws Exception {
    RunResult r = run("print('unclosed'\n");
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("SyntaxError").contains("main.py").doesNotContain("runner.py");
  }

  @Test
  void exceptionTracebackShowsOnlyLearnerFrames() throws Exception {
    RunResult r = run("def f():\n    return 1 / 0\nf()\n");
    assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    assertThat(r.stderr())
        .startsWith("Traceback (most recent call last):\n  File \"main.py\", line 3")
        .contains("ZeroDivisionError")
        .doesNotContain("/work")
        .doesNotContain("runpy")
        .doesNotContain("runner.py");
  }

  private static String syscallErrno(String call) throws Exception {
    RunResult r =
        run("import ctypes, errno\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            + "rc = " + call + "\nprint(errno.errorcode.get(ctypes.get_errno(), rc) if rc != 0 else 'ok')");
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertHostUnharmed(marker());
    return r.stdout().trim();
  }
}
