package org.runlab.platform.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides, round by round, whether this member runs a job that must run once per cluster (see
 * {@link JobLeases}). Alone (no JCache) a member leads every job. When the lease cannot be read
 * (the cluster is in trouble) it runs the round anyway: the guarded jobs tolerate running twice
 * far better than not at all.
 */
@ApplicationScoped
public class ClusterJobs {
  private static final Logger LOG = Logger.getLogger(ClusterJobs.class.getName());

  @Inject private ClusterMaps maps;

  private volatile JobLeases leases;

  /** This process's name as a lease holder (new at every start). */
  public static final String HOLDER = InstanceName.of("auto");

  /** Whether this member runs {@code job}'s round now; it then holds the job for {@code ttl}. */
  public boolean lead(String job, Duration ttl) {
    if (maps == null || !maps.clustered()) {
      return true;
    }
    try {
      return leases().hold(job, ttl);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot read the lease of " + job + "; running this round here", e);
      return true;
    }
  }

  /** The member holding {@code job}'s lease now (empty: nobody, or not clustered). */
  public String holder(String job) {
    if (maps == null || !maps.clustered()) {
      return "";
    }
    return leases().holder(job);
  }

  private JobLeases leases() {
    JobLeases l = leases;
    if (l == null) {
      l = new JobLeases(maps.map(JobLeases.MAP, Duration.ofDays(1)), InstantSource.system(), HOLDER);
      leases = l;
    }
    return l;
  }
}
