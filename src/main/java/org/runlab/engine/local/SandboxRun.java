package org.runlab.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.runlab.engine.Cancellation;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/**
 * Hands one job to a ready sandbox and sees it through: limits, stdin, output caps, the wall clock,
 * cancellation, the kill, the cgroup's counters, the files the program wrote and the verdict. An
 * interactive run keeps the program's stdin open and feeds it what the learner types.
 */
final class SandboxRun {
  private static final String REQUIREMENTS = "\u001erunlab requirements";
  private static final String END = "\u001erunlab end";
  private static final long DRAIN_GRACE_MS = 2000;
  private static final long CPU_POLL_MS = 100;
  private static final long INPUT_POLL_MS = 200;
  private static final long WAIT_SLICE_MS = 100;
  /**
   * The time an interactive program spends waiting for the learner to type does not count
   * against its wall time, up to this much in all (a sandbox is not held forever).
   */
  static final long MAX_INPUT_WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);
  /** What the runner writes to stderr when an interactive program waits for input. */
  static final byte[] INPUT_WANTED = "\u001erunlab input\n".getBytes(StandardCharsets.UTF_8);

  private final LocalEngineSettings settings;
  private final ExecutorService io;
  private final ScheduledExecutorService timer;

  SandboxRun(LocalEngineSettings settings, ExecutorService io, ScheduledExecutorService timer) {
    this.settings = settings;
    this.io = io;
    this.timer = timer;
  }

  RunResult run(
      SandboxProcess sandbox,
      RunSpec spec,
      OutputSink sink,
      Cancellation cancellation,
      List<String> notices,
      boolean checkRequirements,
      ProgramInput input,
      Map<String, byte[]> kept)
      throws IOException, InterruptedException {
    Limits limits = spec.limits();
    WorkFiles.writeProject(sandbox.workDir(), spec.files(), settings.sandboxUid());
    WorkFiles.restore(sandbox.workDir(), kept, settings.sandboxUid());
    RunCgroup cgroup = sandbox.cgroup();
    CgroupUsage idle = cgroup.usage();
    try {
      cgroup.limit(limits.memoryBytes(), limits.processes() + (int) idle.tasks());
    } catch (IOException busy) {
      throw new MemoryTooSmall(
          limits.memoryBytes(), "the interpreter already holds " + (idle.memoryBytes() >> 20) + " MiB");
    }
    cgroup.resetPeak();

    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicBoolean outputLimit = new AtomicBoolean();
    Process process = sandbox.process();
    cancellation.onCancel(
        () -> {
          cancelled.set(true);
          sandbox.kill();
        });
    InputWait waiting = new InputWait();
    io.execute(() -> feed(process, header(spec, checkRequirements, input.isInteractive()), spec.stdin(), input,
        waiting));
    try {
      sandbox.awaitReady(settings.startTimeout().toMillis(), timer);
    } catch (IOException notStarted) {
      if (cgroup.usage().oomKills() > idle.oomKills()) {
        throw new MemoryTooSmall(limits.memoryBytes(), "Python could not start within it");
      }
      throw notStarted;
    }
    long start = System.nanoTime();

    InputStream stdout = process.getInputStream();
    if (checkRequirements) {
      List<String> unmet = readRequirementAnswer(stdout, process, limits.wallTime().toMillis());
      if (!unmet.isEmpty()) {
        sandbox.kill();
        List<String> all = new ArrayList<>(notices);
        all.addAll(unmet);
        return RunResult.builder(EngineId.LOCAL, Verdict.REFUSED).notices(all).build();
      }
    }
    Runnable overflow =
        () -> {
          outputLimit.set(true);
          sandbox.kill();
        };
    OutputDrain out = new OutputDrain(stdout, limits.outputBytes(), sink::stdout, overflow);
    OutputDrain err =
        new OutputDrain(process.getErrorStream(), limits.outputBytes(), sink::stderr, overflow,
            INPUT_WANTED, () -> {
              waiting.started();
              sink.awaitingInput();
            });
    io.execute(out);
    io.execute(err);

    boolean exited = waitWithinCpuLimit(sandbox, idle, limits, waiting);
    boolean wallTimeout = !exited && !cancelled.get() && !outputLimit.get();
    if (!exited) {
      sandbox.kill();
      process.waitFor(DRAIN_GRACE_MS, TimeUnit.MILLISECONDS);
    }
    long wallTime = (System.nanoTime() - start) / 1_000_000;
    if (!out.awaitEnd(DRAIN_GRACE_MS) || !err.awaitEnd(DRAIN_GRACE_MS)) {
      sandbox.kill();
    }

    CgroupUsage used = cgroup.usage();
    long cpuNanos = Math.max(0, used.cpuNanos() - idle.cpuNanos());
    int exit = process.isAlive() ? 137 : process.exitValue();
    String stderr = err.text();
    Verdict verdict =
        VerdictClassifier.classify(
            new VerdictClassifier.RunFacts(
                cancelled.get(), wallTimeout, outputLimit.get(), used.oomKills() - idle.oomKills(),
                exit, cpuNanos, limits.cpuTime().toNanos(), stderr));
    input.close();
    WorkFiles.Collected files =
        WorkFiles.collectWritten(
            sandbox.workDir(), spec.files(), kept, settings.maxOutputFiles(), settings.maxOutputFileBytes(),
            settings.maxOutputTotalBytes());
    List<String> allNotices = new ArrayList<>(notices);
    allNotices.addAll(files.notices());
    return RunResult.builder(EngineId.LOCAL, verdict).exitCode(exit).stdout(out.text(), out.truncated())
        .stderr(stderr, err.truncated()).wallTimeMs(wallTime).cpuTimeMs(cpuNanos / 1_000_000)
        .peakMemoryBytes(used.peakBytes()).files(files.files()).notices(allNotices).build();
  }

  /**
   * Waits for the program to end within the wall time, killing it when the cgroup's CPU counter
   * (every process together) reaches the CPU limit; RLIMIT_CPU is only a per-process backstop.
   *
   * @return whether the program ended (by itself or by a kill) before the wall time ran out
   */
  private boolean waitWithinCpuLimit(SandboxProcess sandbox, CgroupUsage idle, Limits limits,
      InputWait waiting) throws InterruptedException {
    long cpuLimit = limits.cpuTime().toNanos();
    ScheduledFuture<?> cpuWatch =
        timer.scheduleAtFixedRate(
            () -> {
              if (sandbox.cgroup().usage().cpuNanos() - idle.cpuNanos() >= cpuLimit) {
                sandbox.kill();
              }
            },
            CPU_POLL_MS, CPU_POLL_MS, TimeUnit.MILLISECONDS);
    try {
      long start = System.nanoTime();
      long wall = limits.wallTime().toNanos();
      while (true) {
        long now = System.nanoTime();
        long waited = waiting.total(now);
        long left = wall - (now - start - Math.min(waited, MAX_INPUT_WAIT_NANOS));
        if (left <= 0) {
          return false;
        }
        if (sandbox.process().waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, WAIT_SLICE_MS),
            TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } finally {
      cpuWatch.cancel(false);
    }
  }

  /** The runner's job line: mode, CPU seconds, file bytes, check requirements, entry. */
  private static String header(RunSpec spec, boolean checkRequirements, boolean interactive) {
    Limits limits = spec.limits();
    long cpuSeconds = Math.max(1, (limits.cpuTime().toMillis() + 999) / 1000);
    return (interactive ? "interact" : "run") + "\t" + cpuSeconds + "\t" + limits.fileBytes() + "\t" + (checkRequirements ? 1 : 0)
        + "\t" + spec.entry() + "\n";
  }

  /**
   * Writes the job line and the request's stdin; for an interactive run then what the learner
   * sends, until they end the input or the program ends.
   */
  private static void feed(Process process, String header, String stdin, ProgramInput input,
      InputWait waiting) {
    try (OutputStream out = process.getOutputStream()) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      out.write(stdin.getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (input.isInteractive() && process.isAlive()) {
        String piece = input.take(INPUT_POLL_MS);
        if (piece == ProgramInput.END) {
          waiting.ended();
          break;
        }
        if (piece != null) {
          waiting.ended();
          out.write(piece.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (IOException programStoppedReading) {
      // a program need not read all of its input
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> readRequirementAnswer(InputStream stdout, Process process, long wallMs)
      throws IOException {
    var deadline = timer.schedule(process::destroyForcibly, wallMs, TimeUnit.MILLISECONDS);
    try {
      if (!REQUIREMENTS.equals(SandboxProcess.readLine(stdout))) {
        throw new IOException("the sandbox did not answer the requirements check");
      }
      List<String> unmet = new ArrayList<>();
      for (String line = SandboxProcess.readLine(stdout); !END.equals(line); line = SandboxProcess.readLine(stdout)) {
        if (line.isEmpty() && !process.isAlive()) {
          throw new IOException("the sandbox died during the requirements check");
        }
        unmet.add(line);
      }
      return unmet;
    } finally {
      deadline.cancel(false);
    }
  }

  /** How long the program has waited for the learner's input, in all. */
  static final class InputWait {
    private long total;
    private long since = -1;

    synchronized void started() {
      if (since < 0) {
        since = System.nanoTime();
      }
    }

    synchronized void ended() {
      if (since >= 0) {
        total += System.nanoTime() - since;
        since = -1;
      }
    }

    synchronized long total(long now) {
      return total + (since < 0 ? 0 : now - since);
    }
  }

  /** The memory limit is below what the interpreter needs or already holds. */
  static final class MemoryTooSmall extends IOException {
    MemoryTooSmall(long limit, String why) {
      super("the memory limit of " + (limit >> 20) + " MiB is too small: " + why);
    }
  }
}
