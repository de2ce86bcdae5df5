package org.runlab.engine.e2b;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Why a run could not go to E2B, in the learner's words (completing "because ..."). */
final class E2bFailures {
  private E2bFailures() {}

  static String why(Throwable failure) {
    if (failure instanceof E2bUnavailableException u) {
      return u.because(); // the operator's reason stays in health and the log
    }
    if (failure instanceof CircuitBreakerOpenException) {
      return "the cloud sandbox service has been failing, so Runlab is giving it a rest";
    }
    if (failure instanceof BulkheadException) {
      return "every cloud sandbox is busy";
    }
    if (failure instanceof TimeoutException) {
      return "the cloud sandbox did not answer in time";
    }
    if (failure instanceof E2bException e && e.kind() == E2bException.Kind.RATE_LIMITED) {
      return "the cloud sandbox service is at capacity";
    }
    return "the cloud sandbox failed";
  }
}
