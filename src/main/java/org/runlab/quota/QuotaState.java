package org.runlab.quota;

import org.runlab.platform.cluster.SharedMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Where the cluster-wide quota state lives: caches in Payara's Hazelcast JCache, one of Bucket4j
 * buckets, one of small strings (running runs, accounts per address) and one holding the limits'
 * revision, which every member watches so that it need not ask the cluster for it on each run.
 * Without a JCache (never in Payara) it falls back to this JVM's memory and says so.
 */
@ApplicationScoped
public class QuotaState {
  private static final Logger LOG = Logger.getLogger(QuotaState.class.getName());
  static final String BUCKETS = "runlab-quota-buckets";
  static final String STATE = "runlab-quota-state";
  static final String REVISIONS = "runlab-quota-revision";

  @Inject private Instance<CacheManager> cacheManagers;

  private BucketStore buckets;
  private SharedMap shared;
  private SharedMap revisions;
  private Cache<String, String> revisionCache;
  private CacheEntryListenerConfiguration<String, String> watching;
  private boolean clustered;

  @PostConstruct
  void init() {
    try {
      CacheManager cm = cacheManagers.get();
      // Windows reset within a day; an entry untouched for longer is as good as a fresh one.
      buckets = new JCacheBucketStore(cache(cm, BUCKETS, new Duration(TimeUnit.HOURS, 25)));
      shared = SharedMap.of(this.<String>cache(cm, STATE, new Duration(TimeUnit.DAYS, 2)));
      revisionCache = cache(cm, REVISIONS, null);
      revisions = SharedMap.of(revisionCache);
      clustered = true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "No JCache available: rate limits hold for this instance only", e);
      buckets = new LocalBucketStore();
      shared = SharedMap.inMemory();
      revisions = SharedMap.inMemory();
    }
  }

  @SuppressWarnings("unchecked")
  private <V> Cache<String, V> cache(CacheManager cm, String name, Duration idle) {
    Cache<String, V> c = (Cache<String, V>) (Cache<?, ?>) cm.getCache(name);
    if (c != null) {
      return c;
    }
    MutableConfiguration<Object, Object> config = new MutableConfiguration<>()
        .setExpiryPolicyFactory(idle == null ? EternalExpiryPolicy.factoryOf() : ModifiedExpiryPolicy.factoryOf(idle))
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

  /** The map that holds the limits' revision (a cache of its own, so watching it hears nothing else). */
  public SharedMap revisions() {
    return revisions;
  }

  /**
   * Calls {@code onChange} with the new value whenever any member writes to {@link #revisions()};
   * false when there is nothing to watch (no JCache: then every write is made here anyway).
   */
  public synchronized boolean watchRevisions(Consumer<String> onChange) {
    if (revisionCache == null) {
      return false;
    }
    try {
      watching = new MutableCacheEntryListenerConfiguration<>(
          new FactoryBuilder.SingletonFactory<>(new RevisionListener(onChange)), null, false, false);
      revisionCache.registerCacheEntryListener(watching);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot watch the limits' revision; members will read it every second", e);
      watching = null;
      return false;
    }
  }

  @PreDestroy
  synchronized void stopWatching() {
    if (watching != null) {
      try {
        revisionCache.deregisterCacheEntryListener(watching);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not stop watching the limits' revision", e);
      }
      watching = null;
    }
  }

  public boolean clustered() {
    return clustered;
  }

  /**
   * Hears writes to the revision cache. Serializable because Hazelcast copies a listener's
   * configuration to every member; only the member that registered it calls it, and a copy
   * elsewhere (without its callback) does nothing.
   */
  static final class RevisionListener
      implements CacheEntryCreatedListener<String, String>, CacheEntryUpdatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Consumer<String> onChange;

    RevisionListener(Consumer<String> onChange) {
      this.onChange = onChange;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      tell(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      tell(events);
    }

    private void tell(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      if (onChange == null) {
        return;
      }
      for (CacheEntryEvent<? extends String, ? extends String> e : events) {
        onChange.accept(e.getValue());
      }
    }
  }

}
