package org.runlab.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Buckets in this JVM's memory: for tests, and where no JCache is available. */
public final class LocalBucketStore implements BucketStore {
  private record Versioned(long version, LocalBucket bucket) {}

  private final Map<String, Versioned> buckets = new ConcurrentHashMap<>();

  @Override
  public Bucket bucket(String key, long version, Supplier<BucketConfiguration> config) {
    Versioned v = buckets.computeIfAbsent(key, k -> new Versioned(version, build(config.get())));
    if (v.version() < version) {
      Versioned newer = new Versioned(version, v.bucket());
      if (buckets.replace(key, v, newer)) {
        v.bucket().replaceConfiguration(config.get(), TokensInheritanceStrategy.ADDITIVE);
      }
    }
    return v.bucket();
  }

  private static LocalBucket build(BucketConfiguration c) {
    LocalBucketBuilder b = Bucket.builder();
    for (var bandwidth : c.getBandwidths()) {
      b.addLimit(bandwidth);
    }
    return b.build();
  }
}
