package org.runlab.platform.cluster;

import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The atomic map operations the quota state needs: the clustered JCache in the server, a
 * {@link ConcurrentMap} in tests. Values are strings so every member reads them alike.
 */
public interface SharedMap {
  String get(String key);

  boolean putIfAbsent(String key, String value);

  boolean replace(String key, String expected, String value);

  /**
   * Applies {@code op} to the value of {@code key} in one atomic step and returns its answer. In
   * the cluster this is one entry processor on the member that owns the key (one round trip,
   * where a read and a compare-and-set take two and may have to be tried again).
   */
  <T> T update(String key, Update<T> op);

  /** A change of one value, sent to the member that owns it: so it must be serializable. */
  interface Update<T> extends Serializable {
    /** What {@code current} (null: absent) becomes, and the answer for the caller. */
    Change<T> apply(String current);
  }

  /** The new value ({@code null} removes the entry) and the answer. */
  record Change<T>(String value, T answer) implements Serializable {}

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

      @Override
      public <T> T update(String key, Update<T> op) {
        Object[] answer = new Object[1];
        map.compute(key, (k, current) -> {
          Change<T> c = op.apply(current);
          answer[0] = c.answer();
          return c.value();
        });
        @SuppressWarnings("unchecked")
        T t = (T) answer[0];
        return t;
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

      @Override
      public <T> T update(String key, Update<T> op) {
        return cache.invoke(key, new Updater<>(op));
      }
    };
  }

  /** Runs an {@link Update} inside the cache, next to the entry. */
  final class Updater<T> implements EntryProcessor<String, String, T>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Update<T> op;

    Updater(Update<T> op) {
      this.op = op;
    }

    @Override
    public T process(MutableEntry<String, String> entry, Object... arguments) {
      String current = entry.exists() ? entry.getValue() : null;
      Change<T> c = op.apply(current);
      if (!Objects.equals(c.value(), current)) {
        if (c.value() == null) {
          entry.remove();
        } else {
          entry.setValue(c.value());
        }
      }
      return c.answer();
    }
  }
}
