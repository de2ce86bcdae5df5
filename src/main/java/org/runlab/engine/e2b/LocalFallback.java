package org.runlab.engine.e2b;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.runlab.engine.Cancellation;
import org.runlab.engine.Engine;
import org.runlab.engine.OutputSink;
import org.runlab.engine.RunResult;
import org.runlab.engine.RunSpec;

/** Runs on the local engine instead of E2B and tells the learner why. */
public final class LocalFallback {
  private LocalFallback() {}

  /** Runs {@code spec} on {@code local}, adding a notice that explains the switch. */
  public static RunResult run(Engine local, RunSpec spec, OutputSink sink, Cancellation c, Throwable why) {
    RunResult r = local.run(spec, sink, c);
    List<String> notices = new ArrayList<>();
    notices.add(reason(why));
    notices.addAll(r.notices());
    return new RunResult(r.engine(), r.verdict(), r.exitCode(), r.stdout(), r.stdoutTruncated(),
        r.stderr(), r.stderrTruncated(), r.wallTimeMs(), r.cpuTimeMs(), r.peakMemoryBytes(),
        r.files(), notices);
  }

  /** Why the run left E2B, in the learner's words. */
  public static String reason(Throwable why) {
    String what;
    if (why instanceof E2bUnavailableException) {
      what = "the cloud sandbox is switched off (" + why.getMessage() + ")";
    } else if (why instanceof CircuitBreakerOpenException) {
      what = "the cloud sandbox service has been failing, so Runlab is giving it a rest";
    } else if (why instanceof BulkheadException) {
      what = "every cloud sandbox is busy";
    } else if (why instanceof TimeoutException) {
      what = "the cloud sandbox did not answer in time";
    } else if (why instanceof E2bException e && e.kind() == E2bException.Kind.RATE_LIMITED) {
      what = "the cloud sandbox service is at capacity";
    } else {
      what = "the cloud sandbox failed";
    }
    return "Your program ran on Runlab's own server because " + what + ".";
  }
}
