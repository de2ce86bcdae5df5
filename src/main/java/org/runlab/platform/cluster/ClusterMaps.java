package org.runlab.platform.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The cluster's shared state: named caches in Payara's Hazelcast JCache, every member seeing the
 * same entries. Without a JCache (never in Payara) each name is a map in this JVM's memory, and
 * {@link #clustered()} says so.
 */
@ApplicationScoped
public class ClusterMaps {
  private static final Logger LOG = Logger.getLogger(ClusterMaps.class.getName());

  @Inject private Instance<CacheManager> cacheManagers;

  private CacheManager manager;
  private final Map<String, SharedMap> local = new ConcurrentHashMap<>();
  private final List<Registered> watching = new CopyOnWriteArrayList<>();

  private record Registered(Cache<String, String> cache, CacheEntryListenerConfiguration<String, String> config) {}

  @PostConstruct
  void init() {
    try {
      manager = cacheManagers.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "No JCache available: shared state holds for this instance only", e);
    }
  }

  /** Whether maps are shared with the other members (a JCache is there). */
  public boolean clustered() {
    return manager != null;
  }

  /**
   * The cache {@code name}, made if no member has made it yet; an entry not written for
   * {@code idle} expires (null: never). Empty when not clustered.
   */
  @SuppressWarnings("unchecked")
  public <V> Optional<Cache<String, V>> cache(String name, Duration idle) {
    if (manager == null) {
      return Optional.empty();
    }
    Cache<String, V> c = (Cache<String, V>) (Cache<?, ?>) manager.getCache(name);
    if (c != null) {
      return Optional.of(c);
    }
    MutableConfiguration<Object, Object> config = new MutableConfiguration<>()
        .setExpiryPolicyFactory(idle == null ? EternalExpiryPolicy.factoryOf()
            : ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, idle.toMillis())))
        .setStoreByValue(true)
        .setStatisticsEnabled(false);
    try {
      return Optional.of((Cache<String, V>) (Cache<?, ?>) manager.createCache(name, config));
    } catch (CacheException e) {
      // another member made it first
      return Optional.of((Cache<String, V>) (Cache<?, ?>) manager.getCache(name));
    }
  }

  /** The shared map {@code name} of strings (see {@link #cache}). */
  public SharedMap map(String name, Duration idle) {
    return this.<String>cache(name, idle).map(SharedMap::of)
        .orElseGet(() -> local.computeIfAbsent(name, n -> SharedMap.inMemory()));
  }

  /**
   * Calls {@code onChange} with the new value whenever any member writes to the map {@code name};
   * false when there is nothing to watch (not clustered: every write is made here anyway).
   */
  public boolean watch(String name, Consumer<String> onChange) {
    Optional<Cache<String, String>> cache = cache(name, null);
    if (cache.isEmpty()) {
      return false;
    }
    try {
      CacheEntryListenerConfiguration<String, String> config = new MutableCacheEntryListenerConfiguration<>(
          new FactoryBuilder.SingletonFactory<>(new ChangeListener(onChange)), null, false, false);
      cache.get().registerCacheEntryListener(config);
      watching.add(new Registered(cache.get(), config));
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot watch " + name + " for changes", e);
      return false;
    }
  }

  @PreDestroy
  void stopWatching() {
    for (Registered r : watching) {
      try {
        r.cache().deregisterCacheEntryListener(r.config());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not stop watching a cache", e);
      }
    }
    watching.clear();
  }

  /**
   * Hears writes to a cache. Serializable because Hazelcast copies a listener's configuration to
   * every member; only the member that registered it calls it, and a copy elsewhere (without its
   * callback) does nothing.
   */
  static final class ChangeListener
      implements CacheEntryCreatedListener<String, String>, CacheEntryUpdatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Consumer<String> onChange;

    ChangeListener(Consumer<String> onChange) {
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
