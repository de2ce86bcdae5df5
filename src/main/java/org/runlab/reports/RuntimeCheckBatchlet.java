package org.runlab.reports;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Ends its job with the nonce it was given, for {@link BatchRuntimeCheck} to look for. */
@Dependent
@Named("runtimeCheckBatchlet")
public class RuntimeCheckBatchlet extends AbstractBatchlet {
  @Inject JobContext job;
  @Inject @BatchProperty String nonce;

  @Override
  public String process() {
    job.setExitStatus(nonce);
    return nonce;
  }
}
