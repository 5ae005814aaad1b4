package dev.snapshotstore.rehydration.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which keys were already reported, so a snapshot that is skipped on every load is logged loudly
 * once, not on every load. Bounded: past the limit it forgets everything and may report a key again.
 */
public final class OncePerKey {

  private final int limit;
  private final Set<Object> seen = ConcurrentHashMap.newKeySet();

  public OncePerKey(int limit) {
    this.limit = limit;
  }

  /** True the first time {@code key} is offered. */
  public boolean first(Object key) {
    if (seen.size() >= limit) {
      seen.clear();
    }
    return seen.add(key);
  }
}
