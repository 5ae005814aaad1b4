package dev.snapshotstore.micrometer;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.FallbackReason;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.rehydration.StreamId;

/**
 * Metrics of the rehydration path, as a {@link RehydrationListener} to add to an
 * {@link dev.snapshotstore.rehydration.AggregateRepository}: load time with and without a snapshot, events
 * replayed per load (the number that tells whether snapshots are needed), fallbacks by reason, snapshots
 * scheduled, skipped, saved and failed. Every meter is documented in {@link RehydrationMeters}; aggregate ids
 * are never tags.
 *
 * <pre>{@code
 * AggregateRepository<Order, OrderEvent> orders = AggregateRepository.builder(typedStore, events, definition)
 *     .listener(RehydrationMetrics.create(meterRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Meters are looked up per call (Micrometer caches them by id); the listener holds no per-stream state.
 */
public final class RehydrationMetrics implements RehydrationListener {

  private final MeterRegistry registry;
  private final AggregateTypeTags typeTags;
  private final boolean percentileHistograms;

  private RehydrationMetrics(Builder builder) {
    this.registry = builder.registry;
    this.typeTags = builder.typeTags;
    this.percentileHistograms = builder.percentileHistograms;
  }

  /** Metrics into {@code registry} with the default type tags and percentile histograms. */
  public static RehydrationMetrics create(MeterRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    String type = typeTags.tagFor(aggregate.stream().aggregateType());
    String source = aggregate.fromSnapshot() ? "snapshot" : "replay";
    Timer.builder(RehydrationMeters.LOAD.getName())
        .description("Aggregate loads, from a snapshot plus tail or by full replay")
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), type)
        .tag(RehydrationMeters.Keys.SOURCE.asString(), source)
        .publishPercentileHistogram(percentileHistograms)
        .register(registry)
        .record(aggregate.loadDuration());
    DistributionSummary.builder(RehydrationMeters.EVENTS_REPLAYED.getName())
        .description("Events applied per load: the tail after a snapshot, or the whole stream")
        .baseUnit(RehydrationMeters.EVENTS_REPLAYED.getBaseUnit())
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), type)
        .tag(RehydrationMeters.Keys.SOURCE.asString(), source)
        .publishPercentileHistogram(percentileHistograms)
        // Buckets from one event to a million: stream lengths beyond that are off the scale of any rule of thumb.
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(1_000_000.0)
        .register(registry)
        .record(aggregate.eventsReplayed());
  }

  @Override
  public void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    Counter.builder(RehydrationMeters.FALLBACKS.getName())
        .description("Stored snapshots passed over by a load")
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), typeTags.tagFor(stream.aggregateType()))
        .tag(RehydrationMeters.Keys.REASON.asString(), reason.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void storeUnavailable(StreamId stream, SnapshotStoreException cause) {
    storeAvailability(stream, "unavailable");
  }

  @Override
  public void storeAvailableAgain(StreamId stream) {
    storeAvailability(stream, "available_again");
  }

  private void storeAvailability(StreamId stream, String state) {
    Counter.builder(RehydrationMeters.STORE_AVAILABILITY.getName())
        .description("Loads that replayed everything because the snapshot store was unreachable, and recoveries")
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), typeTags.tagFor(stream.aggregateType()))
        .tag(RehydrationMeters.Keys.STATE.asString(), state)
        .register(registry)
        .increment();
  }

  @Override
  public void snapshotScheduled(StreamId stream, long version) {
    snapshots(stream, "scheduled");
  }

  @Override
  public void snapshotSkippedInFlight(StreamId stream, long version) {
    snapshots(stream, "skipped_in_flight");
  }

  @Override
  public void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {
    snapshots(stream, "saved");
    Timer.builder(RehydrationMeters.SNAPSHOT_SAVE.getName())
        .description("Time to take and save one snapshot, on the snapshot executor")
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), typeTags.tagFor(stream.aggregateType()))
        .publishPercentileHistogram(percentileHistograms)
        .register(registry)
        .record(took);
  }

  @Override
  public void snapshotFailed(StreamId stream, long version, Exception cause) {
    snapshots(stream, "failed");
  }

  private void snapshots(StreamId stream, String result) {
    Counter.builder(RehydrationMeters.SNAPSHOTS.getName())
        .description("Snapshots the repository's policy asked for, by what became of them")
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), typeTags.tagFor(stream.aggregateType()))
        .tag(RehydrationMeters.Keys.RESULT.asString(), result)
        .register(registry)
        .increment();
  }

  @Override
  public String toString() {
    return "RehydrationMetrics[" + typeTags + "]";
  }

  /** Options of {@link RehydrationMetrics}. */
  public static final class Builder {

    private final MeterRegistry registry;
    private AggregateTypeTags typeTags = AggregateTypeTags.defaults();
    private boolean percentileHistograms = true;

    private Builder(MeterRegistry registry) {
      Arguments.checkNotNull(registry, "meterRegistry");
      this.registry = registry;
    }

    /** Which aggregate types get a tag value of their own; default {@link AggregateTypeTags#defaults()}. */
    public Builder aggregateTypeTags(AggregateTypeTags tags) {
      Arguments.checkNotNull(tags, "aggregateTypeTags");
      this.typeTags = tags;
      return this;
    }

    /** Whether timers and the events-replayed summary publish percentile histograms; default {@code true}. */
    public Builder percentileHistograms(boolean publish) {
      this.percentileHistograms = publish;
      return this;
    }

    public RehydrationMetrics build() {
      return new RehydrationMetrics(this);
    }
  }
}
