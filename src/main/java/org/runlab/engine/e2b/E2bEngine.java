package org.runlab.engine.e2b;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.runlab.engine.Availability;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.EngineId;
import org.runlab.engine.OutputFile;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/**
 * Runs learners' programs in E2B sandboxes held by an {@link E2bSessionPool}: uploads changed
 * files, installs requirements.txt when it changed, runs the entry file, and maps the code
 * interpreter's events to a {@link RunResult}. A sandbox that died is recreated and the
 * learner's files replayed; a 401 turns the engine off and alerts an admin.
 */
public final class E2bEngine implements Engine {
  private static final Logger LOG = Logger.getLogger(E2bEngine.class.getName());
  private final E2bSettings settings;
  private final E2bClient client;
  private final E2bSessionPool pool;
  private final LeaseRecorder leases;
  private final Consumer<String> adminAlert;
  private final RequirementsInstaller installer;
  private volatile String disabledBecause;

  public E2bEngine(
      E2bSettings settings,
      E2bClient client,
      E2bSessionPool pool,
      LeaseRecorder leases,
      Consumer<String> adminAlert) {
    this.settings = settings;
    this.client = client;
    this.pool = pool;
    this.leases = leases;
    this.adminAlert = adminAlert;
    if (client != null) { // null only when not configured
      client.onRejectedKey(this::disable);
    }
    this.installer = new RequirementsInstaller(settings, client);
  }

  @Override
  public EngineId id() {
    return EngineId.E2B;
  }

  @Override
  public Availability availability() {
    if (!settings.configured()) {
      return Availability.down("E2B is not configured (no runlab.e2b.api-key)");
    }
    String why = disabledBecause;
    return why == null ? Availability.up() : Availability.down(why);
  }

  /**
   * While a rejected key keeps the engine off, asks E2B once whether it accepts the key again (a
   * key revoked by mistake and restored, a transient 401) and turns the engine back on if so.
   * Returns whether the engine is on.
   */
  public boolean recheckKey() {
    if (disabledBecause == null) {
      return true;
    }
    try {
      client.list(Map.of(E2bSessionPool.INSTALLATION, settings.installation()));
    } catch (E2bException stillRejected) {
      return false;
    }
    disabledBecause = null;
    LOG.info("E2B accepts the API key again; the cloud sandbox is back on");
    return true;
  }

  @Override
  public RunResult run(RunSpec spec, OutputSink sink, Cancellation cancellation) {
    try {
      return runRemote(spec, sink, cancellation);
    } catch (E2bException | E2bUnavailableException e) {
      return RunResult.engineError(EngineId.E2B, E2bFailures.why(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunResult.engineError(EngineId.E2B, "Runlab was stopping");
    }
  }

  /**
   * Like {@link #run} but throws when E2B itself failed, so a fault-tolerance layer can count the
   * failure and fall back to another engine.
   */
  public RunResult runRemote(RunSpec spec, OutputSink sink, Cancellation cancellation)
      throws InterruptedException {
    Availability a = availability();
    if (!a.available()) {
      throw new E2bUnavailableException(a.reason());
    }
    for (ProjectFile f : spec.files()) {
      if (!insideProject(f.path())) {
        return RunResult.refused(EngineId.E2B, "A file path must stay inside the project: " + f.path());
      }
    }
    return runOnPool(spec, sink, cancellation);
  }

  private RunResult runOnPool(RunSpec spec, OutputSink sink, Cancellation cancellation)
      throws InterruptedException {
    Duration queueFor = settings.executionTimeout();
    Install install = Install.of(spec, settings);
    String template = install.template();
    Egress createWith = install.createEgress(pool.defaultEgress(), settings);
    Session s = acquire(spec, queueFor, template, createWith);
    try {
      LimitedOutput out = null;
      for (int attempt = 0; ; attempt++) {
        Cancellation local = new Cancellation();
        cancellation.onCancel(local::cancel);
        out = new LimitedOutput(sink, spec.limits().outputBytes(), local);
        try {
          RunResult r = attempt(s, spec, install, out, local).toBuilder().leaseId(s.lease().id())
              .sessionKept(s.retired ? Duration.ZERO : spec.sessionIdle()).build();
          pool.release(s);
          s = null;
          return r;
        } catch (E2bException e) {
          boolean died = e.kind() == E2bException.Kind.SANDBOX_GONE
              || (e.kind() == E2bException.Kind.NETWORK && gone(s));
          pool.discard(s);
          s = null;
          if (out.anyOutput()) {
            // The learner saw part of the run: replaying or falling back would show it twice.
            return result(Verdict.ENGINE_ERROR, null, out, System.nanoTime(), List.of(),
                List.of(stoppedMidRun(died)));
          }
          if (!died || attempt > 0) {
            throw e;
          }
          s = acquire(spec, queueFor, template, createWith);
        }
      }
    } finally {
      if (s != null) {
        pool.release(s);
      }
    }
  }

  /**
   * The learner's sandbox; E2B's 429 on create (after create-wait) is E2B at its cap, not failing:
   * the run goes elsewhere at once, without a retry that would only wait again.
   */
  private Session acquire(RunSpec spec, Duration queueFor, String template, Egress egress)
      throws InterruptedException {
    try {
      return pool.acquire(spec.owner(), spec.sessionIdle(), queueFor, template, egress);
    } catch (E2bException e) {
      if (e.kind() == E2bException.Kind.RATE_LIMITED && e.status() == 429) {
        throw new E2bUnavailableException(e.getMessage(), "the cloud sandbox service is at capacity");
      }
      throw e;
    }
  }

  private RunResult attempt(Session s, RunSpec spec, Install install, LimitedOutput out,
      Cancellation local) {
    long start = System.nanoTime();
    upload(s, spec.files());
    List<String> notices = new ArrayList<>();
    if (install.requirements() != null && !install.hash().equals(s.requirementsInstalled)) {
      RunResult failed;
      try {
        failed = installer.install(s, spec, install, out, local, start, notices);
      } catch (RuntimeException e) {
        try {
          installer.closeEgress(s);
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed); // the session is discarded, its sandbox killed
        }
        throw e;
      }
      installer.closeEgress(s); // before anything of the learner's runs, whatever pip did
      if (failed != null) {
        return failed;
      }
      s.requirementsInstalled = install.hash();
    }
    installer.closeEgress(s);
    Duration wall = min(spec.limits().wallTime(), settings.executionTimeout());
    Execution e;
    try {
      e = execute(s, RunnerCode.run(spec.entry(), spec.stdin(), spec.limits().memoryBytes(),
          spec.limits().cpuTime().toSeconds()), out, wall, local);
    } catch (E2bException deadline) {
      if (deadline.kind() != E2bException.Kind.DEADLINE) {
        throw deadline;
      }
      recover(client, s);
      return result(Verdict.TIME_LIMIT, null, out, start, List.of(), notices);
    }
    List<OutputFile> files = new ArrayList<>();
    for (Execution.Output o : e.outputs()) {
      if (o.pngBase64() != null) {
        files.add(new OutputFile("out/plot-" + (files.size() + 1) + ".png", "image/png", o.png()));
      }
    }
    if (!e.finished()) {
      recover(client, s);
      Verdict v = out.exceeded() ? Verdict.OUTPUT_LIMIT : Verdict.CANCELLED;
      return result(v, null, out, start, files, notices);
    }
    if (e.error() != null) {
      if (RunnerCode.kernelDied(e.error())) {
        // The runner catches everything the program raises; a kernel that vanished mid-run was
        // killed from outside it, and in a sandbox that is the kernel's OOM killer.
        s.retired = true;
        notices.add("The cloud sandbox's Python was killed while your program ran, most likely"
            + " for using more memory than the sandbox has.");
        return result(Verdict.MEMORY_LIMIT, null, out, start, files, notices);
      }
      out.stderr(RunnerCode.learnerTraceback(e.error()));
      return result(Verdict.RUNTIME_ERROR, 1, out, start, files, notices);
    }
    RunnerCode.Outcome outcome = RunnerCode.outcome(e);
    for (String path : outcome.files()) {
      files.add(OutputFile.of(path, client.sandbox().download(s.sandbox(), RunnerCode.PROJECT + path)));
    }
    int code = outcome.exitCode();
    Verdict v = code == 0 ? Verdict.OK : Verdict.RUNTIME_ERROR;
    if ("memory".equals(outcome.limit())) {
      v = Verdict.MEMORY_LIMIT;
      notices.add("Your program used more than its " + (spec.limits().memoryBytes() >> 20) + " MB of memory.");
    } else if ("cpu".equals(outcome.limit())) {
      v = Verdict.CPU_LIMIT;
      notices.add("Your program used more than its " + spec.limits().cpuTime().toSeconds() + " s of CPU time.");
    }
    return result(v, code, out, start, files, notices).toBuilder()
        .cpuTimeMs(outcome.cpuMs()).peakMemoryBytes(outcome.peakBytes()).build();
  }

  private Execution execute(Session s, String code, OutputSink listener, Duration deadline,
      Cancellation local) {
    return client.sandbox().execute(s.sandbox(), s.contextId(), code, listener, deadline, local);
  }

  /** After a cut execution the kernel may still be busy: restart it, or retire the sandbox. */
  static void recover(E2bClient client, Session s) {
    try {
      client.sandbox().restartContext(s.sandbox(), s.contextId());
    } catch (E2bException e) {
      s.retired = true; // killed when released
    }
  }

  private void upload(Session s, List<ProjectFile> files) {
    Map<String, byte[]> changed = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (ProjectFile f : files) {
      String h = sha256(f.content());
      if (!h.equals(s.uploaded.get(f.path()))) {
        changed.put(RunnerCode.PROJECT + f.path(), f.content().getBytes(StandardCharsets.UTF_8));
        hashes.put(f.path(), h);
      }
    }
    client.sandbox().upload(s.sandbox(), changed);
    s.uploaded.putAll(hashes);
  }

  /** What the learner is told when the cloud sandbox gave out after their program began. */
  static String stoppedMidRun(boolean sandboxDied) {
    return (sandboxDied
            ? "The cloud sandbox (E2B) your program ran in was shut down by E2B while it ran"
            : "The connection to the cloud sandbox (E2B) broke while your program ran")
        + ", so its output above may be incomplete. Run it again: Runlab gives you a fresh sandbox.";
  }

  private boolean gone(Session s) {
    try {
      client.get(s.sandbox().id());
      return false;
    } catch (E2bException e) {
      return e.kind() == E2bException.Kind.SANDBOX_GONE;
    }
  }

  private synchronized void disable(String why) {
    if (disabledBecause == null) {
      disabledBecause = why;
      LOG.warning("The cloud sandbox is off: " + why);
      adminAlert.accept(why + ". Runs go elsewhere within each plan's rights; Runlab asks E2B again"
          + " every few seconds and turns the cloud sandbox back on once the key is accepted.");
    }
  }

  static RunResult result(Verdict v, Integer exit, LimitedOutput out, long start,
      List<OutputFile> files, List<String> notices) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    return RunResult.builder(EngineId.E2B, v).exitCode(exit).stdout(out.stdoutText(), out.exceeded())
        .stderr(out.stderrText(), out.exceeded()).wallTimeMs(ms).files(files).notices(notices).build();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean insideProject(String path) {
    return !path.isBlank() && !path.startsWith("/") && !path.contains("\\")
        && java.util.Arrays.stream(path.split("/")).noneMatch(p -> p.equals("..") || p.isEmpty());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
