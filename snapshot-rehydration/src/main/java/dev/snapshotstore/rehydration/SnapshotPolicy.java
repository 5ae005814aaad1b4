package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.Map;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Decides whether an aggregate should be snapshotted now. Evaluated by the {@link AggregateRepository} after
 * each load and command, and by a {@link BackgroundSnapshotter} for every stream it scans. Compose with
 * {@link #or} and {@link #and}.
 *
 * <pre>{@code
 * SnapshotPolicy policy = SnapshotPolicy.everyEvents(100).or(SnapshotPolicy.loadSlowerThan(Duration.ofMillis(50)));
 * }</pre>
 */
@FunctionalInterface
public interface SnapshotPolicy {

  boolean shouldSnapshot(SnapshotContext context);

  /** Snapshots when either policy would. */
  default SnapshotPolicy or(SnapshotPolicy other) {
    Arguments.checkNotNull(other, "other");
    return context -> shouldSnapshot(context) || other.shouldSnapshot(context);
  }

  /** Snapshots only when both policies would. */
  default SnapshotPolicy and(SnapshotPolicy other) {
    Arguments.checkNotNull(other, "other");
    return context -> shouldSnapshot(context) && other.shouldSnapshot(context);
  }

  /** Never snapshots: loads still use snapshots that exist. */
  static SnapshotPolicy never() {
    return context -> false;
  }

  /**
   * Snapshots at every multiple of {@code interval}: when the aggregate has crossed a multiple of it since its
   * last snapshot (versions 100, 200, ... for an interval of 100, or the first load past them).
   */
  static SnapshotPolicy everyEvents(long interval) {
    Arguments.checkPositive(interval, "interval");
    return context -> context.version() / interval > context.lastSnapshotVersion() / interval;
  }

  /**
   * Snapshots once at least {@code events} events follow the last snapshot known at load time, so that the
   * tail a load replays stays below that.
   */
  static SnapshotPolicy eventsSinceSnapshot(long events) {
    Arguments.checkPositive(events, "events");
    return context -> context.eventsSinceSnapshot() >= events;
  }

  /** Snapshots when the load took longer than {@code threshold} (and added at least one event to a snapshot). */
  static SnapshotPolicy loadSlowerThan(Duration threshold) {
    Arguments.checkNotNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("threshold must not be negative but was " + threshold);
    }
    return context -> context.eventsSinceSnapshot() > 0 && context.loadDuration().compareTo(threshold) > 0;
  }

  /**
   * A policy per aggregate type, for a job that serves several types (100 events for one type, 500 for
   * another); types not in the map use {@code otherwise}.
   */
  static SnapshotPolicy perType(Map<String, SnapshotPolicy> byType, SnapshotPolicy otherwise) {
    Arguments.checkNotNull(byType, "byType");
    Arguments.checkNotNull(otherwise, "otherwise");
    Map<String, SnapshotPolicy> copy = Map.copyOf(byType);
    return context -> copy.getOrDefault(context.stream().aggregateType(), otherwise).shouldSnapshot(context);
  }
}
