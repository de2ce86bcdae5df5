package org.runlab.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/**
 * Where rate-limit buckets live: in Payara's clustered JCache in the server ({@link JCacheBucketStore}),
 * in memory for tests and single-JVM use ({@link LocalBucketStore}).
 */
public interface BucketStore {
  /**
   * The bucket {@code key}, created from {@code config} when absent; when {@code version} is newer
   * than the one it was made with, its configuration is replaced and the difference in capacity is
   * added to (or taken from) what is left.
   */
  Bucket bucket(String key, long version, Supplier<BucketConfiguration> config);
}
