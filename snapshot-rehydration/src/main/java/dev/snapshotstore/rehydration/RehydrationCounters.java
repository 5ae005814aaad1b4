package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.internal.CountHistogram;

/**
 * Counts what repositories do, as a {@link RehydrationListener}. Every {@link AggregateRepository} counts through
 * one of its own ({@link AggregateRepository#counters()}); add another to several repositories to count them
 * together. Thread-safe and cheap (one {@link LongAdder} per count); each count is read live.
 *
 * <p>Per aggregate type it also keeps two distributions, to measure before deciding on snapshots: the events each
 * load replayed ({@link #eventsReplayed(String)}) and how long the loaded streams were ({@link
 * #streamLengths(String)}). Each is a fixed-size histogram (about 15 KiB per type), recorded with one atomic
 * increment per load.
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
  private final Map<String, CountHistogram> eventsReplayed = new ConcurrentHashMap<>();
  private final Map<String, CountHistogram> streamLengths = new ConcurrentHashMap<>();

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

  /**
   * How many events the loads of {@code aggregateType} applied on top of their snapshot (all of them for a full
   * replay), as a distribution: the cost that snapshots cut. Empty for a type not loaded yet.
   */
  public EventsPerLoad eventsReplayed(String aggregateType) {
    return distribution(eventsReplayed, aggregateType);
  }

  /**
   * How long the streams of {@code aggregateType} were when they were loaded (the version each load reached),
   * as a distribution: what every load would replay without snapshots. Its p95 is the number to decide on: under
   * about 200 events snapshots are premature, over about 500 they are needed.
   */
  public EventsPerLoad streamLengths(String aggregateType) {
    return distribution(streamLengths, aggregateType);
  }

  private static EventsPerLoad distribution(Map<String, CountHistogram> byType, String aggregateType) {
    Arguments.checkNotNull(aggregateType, "aggregateType");
    CountHistogram histogram = byType.get(aggregateType);
    // A type never loaded reads as an empty distribution without creating a histogram for it.
    return new EventsPerLoad((histogram == null ? new CountHistogram() : histogram).snapshot());
  }

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    loads.increment();
    (aggregate.fromSnapshot() ? snapshotHits : fullReplays).increment();
    String type = aggregate.stream().aggregateType();
    eventsReplayed.computeIfAbsent(type, key -> new CountHistogram()).record(aggregate.eventsReplayed());
    streamLengths.computeIfAbsent(type, key -> new CountHistogram()).record(aggregate.version());
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
