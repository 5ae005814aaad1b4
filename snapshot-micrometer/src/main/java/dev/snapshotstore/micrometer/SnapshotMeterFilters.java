package dev.snapshotstore.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Meter filters for the meters of this module, for registries the application configures itself (the Spring
 * Boot auto-configuration registers {@link #percentileHistograms()} unless told not to).
 */
public final class SnapshotMeterFilters {

  /** Every meter of this module and of the rehydration metrics starts with it. */
  public static final String PREFIX = "snapshot.";

  private SnapshotMeterFilters() {}

  /**
   * Publishes percentile histograms for this module's timers and summaries (so that p95 and p99 can be computed
   * across instances, in Prometheus with {@code histogram_quantile}), unless a filter or the meter itself already
   * decided: a setting made elsewhere wins, whichever order the filters run in.
   */
  public static MeterFilter percentileHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith(PREFIX)
            || (id.getType() != Meter.Type.TIMER && id.getType() != Meter.Type.DISTRIBUTION_SUMMARY)) {
          return config;
        }
        return config.merge(DistributionStatisticConfig.builder().percentilesHistogram(true).build());
      }
    };
  }
}
