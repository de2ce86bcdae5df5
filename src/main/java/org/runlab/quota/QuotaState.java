package org.runlab.quota;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.SharedMap;

/**
 * Where the cluster-wide quota state lives: one cache of Bucket4j buckets and one of small strings
 * (running runs, accounts per address). Without a cluster it is this JVM's memory.
 */
@ApplicationScoped
public class QuotaState {
  static final String BUCKETS = "runlab-quota-buckets";
  static final String STATE = "runlab-quota-state";

  @Inject private ClusterMaps cluster;

  private BucketStore buckets;
  private SharedMap shared;

  @PostConstruct
  void init() {
    // Windows reset within a day; an entry untouched for longer is as good as a fresh one.
    buckets = cluster.<byte[]>cache(BUCKETS, Duration.ofHours(25))
        .<BucketStore>map(JCacheBucketStore::new).orElseGet(LocalBucketStore::new);
    shared = cluster.map(STATE, Duration.ofDays(2));
  }

  public BucketStore buckets() {
    return buckets;
  }

  public SharedMap shared() {
    return shared;
  }
}
