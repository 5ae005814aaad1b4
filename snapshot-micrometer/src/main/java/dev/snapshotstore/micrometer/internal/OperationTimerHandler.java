package dev.snapshotstore.micrometer.internal;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records the operation timer when the caller gave a {@link MeterRegistry} but no
 * {@link io.micrometer.observation.ObservationRegistry}: the same name and tags as Micrometer's
 * {@code DefaultMeterObservationHandler} (so dashboards do not depend on how the store was wired), with a
 * percentile histogram when asked, which that handler leaves to meter filters.
 */
public final class OperationTimerHandler implements ObservationHandler<Observation.Context> {

  private final MeterRegistry registry;
  private final boolean percentileHistogram;
  private final Class<? extends Observation.Context> contextType;

  public OperationTimerHandler(MeterRegistry registry, boolean percentileHistogram,
      Class<? extends Observation.Context> contextType) {
    this.registry = registry;
    this.percentileHistogram = percentileHistogram;
    this.contextType = contextType;
  }

  @Override
  public void onStart(Observation.Context context) {
    context.put(Timer.Sample.class, Timer.start(registry));
  }

  @Override
  public void onStop(Observation.Context context) {
    Tags tags = Tags.empty();
    for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
      tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
    }
    Throwable error = context.getError();
    tags = tags.and("error", error == null ? "none" : error.getClass().getSimpleName());
    Timer timer = Timer.builder(context.getName())
        .description("Snapshot store operations")
        .tags(tags)
        .publishPercentileHistogram(percentileHistogram)
        .register(registry);
    Timer.Sample sample = context.getRequired(Timer.Sample.class);
    sample.stop(timer);
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return contextType.isInstance(context);
  }
}
