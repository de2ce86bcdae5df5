package org.runlab.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * Buckets in a JCache (Payara's Hazelcast in the server): every change is one entry processor on
 * the member that owns the key, so a limit holds exactly across the cluster.
 */
public final class JCacheBucketStore implements BucketStore {
  private final ProxyManager<String> proxies;

  public JCacheBucketStore(Cache<String, byte[]> cache) {
    this.proxies = Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
  }

  @Override
  public Bucket bucket(String key, long version, Supplier<BucketConfiguration> config) {
    return proxies.builder()
        .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
        .build(key, config);
  }
}
