package org.runlab.quota;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Where the cluster-wide quota state lives: two caches in Payara's Hazelcast JCache, one of
 * Bucket4j buckets and one of small strings (running runs, accounts per address, the limits'
 * revision). Without a JCache (never in Payara) it falls back to this JVM's memory and says so.
 */
@ApplicationScoped
public class QuotaState {
  private static final Logger LOG = Logger.getLogger(QuotaState.class.getName());
  static final String BUCKETS = "runlab-quota-buckets";
  static final String STATE = "runlab-quota-state";

  @Inject private Instance<CacheManager> cacheManagers;

  private BucketStore buckets;
  private SharedMap shared;
  private boolean clustered;

  @PostConstruct
  void init() {
    try {
      CacheManager cm = cacheManagers.get();
      // Windows reset within a day; an entry untouched for longer is as good as a fresh one.
      buckets = new JCacheBucketStore(cache(cm, BUCKETS, new Duration(TimeUnit.HOURS, 25)));
      shared = SharedMap.of(this.<String>cache(cm, STATE, new Duration(TimeUnit.DAYS, 2)));
      clustered = true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "No JCache available: rate limits hold for this instance only", e);
      buckets = new LocalBucketStore();
      shared = SharedMap.inMemory();
    }
  }

  @SuppressWarnings("unchecked")
  private <V> Cache<String, V> cache(CacheManager cm, String name, Duration idle) {
    Cache<String, V> c = (Cache<String, V>) (Cache<?, ?>) cm.getCache(name);
    if (c != null) {
      return c;
    }
    MutableConfiguration<Object, Object> config = new MutableConfiguration<>()
        .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(idle))
        .setStoreByValue(true)
        .setStatisticsEnabled(false);
    try {
      return (Cache<String, V>) (Cache<?, ?>) cm.createCache(name, config);
    } catch (CacheException e) {
      // another member made it first
      return (Cache<String, V>) (Cache<?, ?>) cm.getCache(name);
    }
  }

  public BucketStore buckets() {
    return buckets;
  }

  public SharedMap shared() {
    return shared;
  }

  public boolean clustered() {
    return clustered;
  }
}
