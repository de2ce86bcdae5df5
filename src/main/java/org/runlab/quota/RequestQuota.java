package org.runlab.quota;

import jakarta.enterprise.context.RequestScoped;

/** The quota decision made while answering this request, for its RateLimit headers. */
@RequestScoped
public class RequestQuota {
  private QuotaDecision decision;

  public QuotaDecision decision() {
    return decision;
  }

  public void decided(QuotaDecision d) {
    this.decision = d;
  }
}
