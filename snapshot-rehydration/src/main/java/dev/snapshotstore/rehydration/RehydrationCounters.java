package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.snapshotstore.api.SnapshotStoreException;

/**
 * Counts what repositories do, as a {@link RehydrationListener}. Every {@link AggregateRepository} counts through
 * one of its own ({@link AggregateRepository#counters()}); add another to several repositories to count them
 * together. Thread-safe and cheap (one {@link LongAdder} per count); each count is read live.
 */
public final class RehydrationCounters implements RehydrationListener {

  private final LongAdder loads = new LongAdder();
  private final LongAdder snapshotHits = new LongAdder();
  private final LongAdder fullReplays = new LongAdder();
  private final Map<FallbackReason, LongAdder> fallbacks = new EnumMap<>(FallbackReason.class);
  private final LongAdder storeUnavailable = new LongAdder();
  private final LongAdder snapshotsRequested = new LongAdder();
  private final LongAdder snapshotsSaved = new LongAdder();
  private final LongAdder snapshotFailures = new LongAdder();
  private final LongAdder snapshotsSkippedInFlight = new LongAdder();

  public RehydrationCounters() {
    // Filled once here and only read afterwards, so the EnumMap needs no synchronization.
    for (FallbackReason reason : FallbackReason.values()) {
      fallbacks.put(reason, new LongAdder());
    }
  }

  /** Loads of current and past versions, including those of {@link AggregateRepository#snapshotIfDue}. */
  public long loads() {
    return loads.sum();
  }

  /** Loads that started from a snapshot. */
  public long snapshotHits() {
    return snapshotHits.sum();
  }

  /** Loads that replayed every event. */
  public long fullReplays() {
    return fullReplays.sum();
  }

  /** Stored snapshots passed over, for any reason. */
  public long fallbacks() {
    long total = 0;
    for (LongAdder count : fallbacks.values()) {
      total += count.sum();
    }
    return total;
  }

  /** Stored snapshots passed over for {@code reason}. */
  public long fallbacks(FallbackReason reason) {
    return fallbacks.get(reason).sum();
  }

  /** Loads that replayed every event because the store could not be reached. */
  public long storeUnavailable() {
    return storeUnavailable.sum();
  }

  /** Snapshots a policy asked for and the repository scheduled. */
  public long snapshotsRequested() {
    return snapshotsRequested.sum();
  }

  /** Snapshots saved. */
  public long snapshotsSaved() {
    return snapshotsSaved.sum();
  }

  /** Snapshots that could not be taken or saved. */
  public long snapshotFailures() {
    return snapshotFailures.sum();
  }

  /** Snapshot requests dropped because one was in flight for the stream. */
  public long snapshotsSkippedInFlight() {
    return snapshotsSkippedInFlight.sum();
  }

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    loads.increment();
    (aggregate.fromSnapshot() ? snapshotHits : fullReplays).increment();
  }

  @Override
  public void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    fallbacks.get(reason).increment();
  }

  @Override
  public void storeUnavailable(StreamId stream, SnapshotStoreException cause) {
    storeUnavailable.increment();
  }

  @Override
  public void snapshotScheduled(StreamId stream, long version) {
    snapshotsRequested.increment();
  }

  @Override
  public void snapshotSkippedInFlight(StreamId stream, long version) {
    snapshotsSkippedInFlight.increment();
  }

  @Override
  public void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {
    snapshotsSaved.increment();
  }

  @Override
  public void snapshotFailed(StreamId stream, long version, Exception cause) {
    snapshotFailures.increment();
  }

  @Override
  public String toString() {
    return "RehydrationCounters[loads=" + loads() + ", snapshotHits=" + snapshotHits() + ", fullReplays="
        + fullReplays() + ", fallbacks=" + fallbacks() + ", storeUnavailable=" + storeUnavailable()
        + ", snapshotsRequested=" + snapshotsRequested() + ", snapshotsSaved=" + snapshotsSaved()
        + ", snapshotFailures=" + snapshotFailures() + ", snapshotsSkippedInFlight=" + snapshotsSkippedInFlight()
        + "]";
  }
}
