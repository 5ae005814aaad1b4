package dev.snapshotstore.micrometer;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.BackgroundSnapshotter;

/**
 * Binds a {@link BackgroundSnapshotter}'s progress as counters that read it when scraped (the snapshotter keeps
 * the counts; nothing is copied per scan), in the style of Micrometer's cache binders:
 *
 * <pre>{@code
 * new BackgroundSnapshotterMetrics(snapshotter, "Order").bindTo(meterRegistry);
 * }</pre>
 */
public final class BackgroundSnapshotterMetrics implements MeterBinder {

  private final BackgroundSnapshotter snapshotter;
  private final String aggregateType;

  /**
   * @param aggregateType the type of the repository the snapshotter serves, as the {@code aggregate.type} tag
   */
  public BackgroundSnapshotterMetrics(BackgroundSnapshotter snapshotter, String aggregateType) {
    Arguments.checkNotNull(snapshotter, "snapshotter");
    Arguments.checkName(aggregateType, "aggregateType");
    this.snapshotter = snapshotter;
    this.aggregateType = aggregateType;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, RehydrationMeters.BACKGROUND_SCANS, "Background snapshotter scans finished",
        snapshotter -> snapshotter.progress().scans());
    counter(registry, RehydrationMeters.BACKGROUND_STREAMS_SCANNED, "Streams the background snapshotter looked at",
        snapshotter -> snapshotter.progress().streamsScanned());
    counter(registry, RehydrationMeters.BACKGROUND_SNAPSHOTS, "Snapshots the background snapshotter saved",
        snapshotter -> snapshotter.progress().snapshotsTaken());
    counter(registry, RehydrationMeters.BACKGROUND_FAILURES,
        "Streams whose check or snapshot failed in the background snapshotter",
        snapshotter -> snapshotter.progress().failures());
  }

  private void counter(MeterRegistry registry, RehydrationMeters meter, String description,
      ToDoubleFunction<BackgroundSnapshotter> count) {
    FunctionCounter.builder(meter.getName(), snapshotter, count)
        .description(description)
        .tag(RehydrationMeters.Keys.AGGREGATE_TYPE.asString(), aggregateType)
        .register(registry);
  }
}
