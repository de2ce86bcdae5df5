package org.runlab.quota;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;

/**
 * The atomic map operations the quota state needs: the clustered JCache in the server, a
 * {@link ConcurrentMap} in tests. Values are strings so every member reads them alike.
 */
public interface SharedMap {
  String get(String key);

  boolean putIfAbsent(String key, String value);

  boolean replace(String key, String expected, String value);

  static SharedMap of(ConcurrentMap<String, String> map) {
    return new SharedMap() {
      @Override
      public String get(String key) {
        return map.get(key);
      }

      @Override
      public boolean putIfAbsent(String key, String value) {
        return map.putIfAbsent(key, value) == null;
      }

      @Override
      public boolean replace(String key, String expected, String value) {
        return map.replace(key, expected, value);
      }
    };
  }

  static SharedMap inMemory() {
    return of(new ConcurrentHashMap<>());
  }

  static SharedMap of(Cache<String, String> cache) {
    return new SharedMap() {
      @Override
      public String get(String key) {
        return cache.get(key);
      }

      @Override
      public boolean putIfAbsent(String key, String value) {
        return cache.putIfAbsent(key, value);
      }

      @Override
      public boolean replace(String key, String expected, String value) {
        return cache.replace(key, expected, value);
      }
    };
  }
}
