package org.runlab.engine.e2b;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.runlab.engine.Cancellation;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;
import org.runlab.engine.Verdict;

/**
 * Makes a sandbox's requirements ready before a learner's code runs, with egress opened to the
 * package index only while pip runs, and closes egress again so the learner's code stays offline.
 */
final class RequirementsInstaller {
  private final E2bSettings settings;
  private final E2bClient client;

  RequirementsInstaller(E2bSettings settings, E2bClient client) {
    this.settings = settings;
    this.client = client;
  }

  /**
   * Installs the run's requirements, with the package index reachable when the tier may install;
   * streams pip's lines as progress. Null when it worked, else the run's result.
   */
  RunResult install(Session s, RunSpec spec, Install install, LimitedOutput out,
      Cancellation local, long start, List<String> notices) {
    List<String> refused = install.refusedLines();
    if (!refused.isEmpty()) {
      notices.addAll(refused);
      return E2bEngine.result(Verdict.REFUSED, null, out, start, List.of(), notices);
    }
    boolean index = install.mayInstall() && !settings.packageIndexHosts().isEmpty();
    if (index && !settings.learnerInternet()) {
      setEgress(s, Egress.only(settings.packageIndexHosts()));
    }
    client.sandbox().upload(s.sandbox(),
        Map.of(Install.FILE, install.requirements().getBytes(StandardCharsets.UTF_8)));
    out.progress("Installing " + install.count() + (install.count() == 1 ? " package" : " packages")
        + " in the cloud sandbox…");
    Duration limit = install.mayInstall() && !spec.install().timeLimit().isZero()
        ? spec.install().timeLimit() : settings.executionTimeout();
    Execution pip;
    try {
      pip = client.sandbox().execute(s.sandbox(), s.contextId(), RunnerCode.installRequirements(Install.FILE, index),
          new Progress(out), limit, local);
    } catch (E2bException late) {
      if (late.kind() != E2bException.Kind.DEADLINE) {
        throw late;
      }
      E2bEngine.recover(client, s);
      notices.add("Installing requirements.txt took longer than " + limit.toSeconds() + " s and was stopped.");
      return E2bEngine.result(Verdict.TIME_LIMIT, null, out, start, List.of(), notices);
    }
    if (!pip.finished()) {
      E2bEngine.recover(client, s);
      return E2bEngine.result(Verdict.CANCELLED, null, out, start, List.of(), notices);
    }
    int code = pip.error() == null ? RunnerCode.exitCode(pip) : 1;
    if (code == 0) {
      return null;
    }
    notices.add("Installing requirements.txt failed (pip exit code " + code + "):");
    if (!install.mayInstall()) {
      notices.add("Your plan cannot install packages: only what the cloud sandbox already has can be used.");
    }
    String log = pip.stderr() + pip.stdout() + (pip.error() == null ? "" : RunnerCode.learnerTraceback(pip.error()));
    log.lines().filter(l -> !l.isBlank()).forEach(l -> {
      notices.add(l);
      out.stderr("requirements.txt: " + l + "\n");
    });
    return E2bEngine.result(Verdict.RUNTIME_ERROR, code, out, start, List.of(), notices);
  }

  /** Learner code never reaches the internet unless the operator allows it. */
  void closeEgress(Session s) {
    if (!settings.learnerInternet()) {
      setEgress(s, Egress.CLOSED);
    }
  }

  private void setEgress(Session s, Egress egress) {
    if (!egress.equals(s.egress)) {
      client.updateNetwork(s.sandbox().id(), egress);
      s.egress = egress;
    }
  }
}
