package dev.snapshotstore.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import dev.snapshotstore.micrometer.AggregateTypeTags;
import dev.snapshotstore.micrometer.ObservedSnapshotStore;
import dev.snapshotstore.micrometer.RehydrationMetrics;
import dev.snapshotstore.micrometer.SnapshotMeterFilters;
import dev.snapshotstore.micrometer.SnapshotStoreObservationConvention;
import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.spring.autoconfigure.internal.SharedOptions;

/**
 * Metrics and traces of the snapshot store when the application has a {@link MeterRegistry} (Actuator): the
 * auto-configured store is wrapped in an {@link ObservedSnapshotStore} that observes through the application's
 * {@link ObservationRegistry} (timers through Boot's meter handler, spans through Micrometer Tracing when
 * present) and records payload sizes; a {@link RehydrationMetrics} bean to add to repositories; percentile
 * histograms for the {@code snapshot.*} meters unless {@code snapshot-store.metrics.percentile-histograms=false}
 * (or {@code management.metrics.distribution.percentiles-histogram.*} says otherwise).
 */
@AutoConfiguration(before = SnapshotStoreAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({ObservedSnapshotStore.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = SnapshotStoreProperties.PREFIX, name = "metrics.enabled", matchIfMissing = true)
public class SnapshotStoreMetricsAutoConfiguration {

  /** Applied last of all decorators, so that it is the outermost wrapper and times what the application's calls cost. */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  @ConditionalOnMissingBean(name = "observedSnapshotStoreDecorator")
  SnapshotStoreDecorator observedSnapshotStoreDecorator(MeterRegistry meterRegistry,
      ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<SnapshotStoreObservationConvention> convention, SnapshotStoreProperties properties) {
    AggregateTypeTags typeTags = typeTags(properties);
    return store -> {
      ObservedSnapshotStore.Builder builder = ObservedSnapshotStore.builder(store)
          .meterRegistry(meterRegistry)
          .aggregateTypeTags(typeTags)
          .percentileHistograms(properties.getMetrics().isPercentileHistograms());
      observationRegistry.ifUnique(builder::observationRegistry);
      convention.ifUnique(builder::observationConvention);
      return builder.build();
    };
  }

  /** Turns on percentile histograms for timers made by Boot's observation handler, which sets none itself. */
  @Bean
  @ConditionalOnMissingBean(name = "snapshotStoreHistogramFilter")
  @ConditionalOnProperty(prefix = SnapshotStoreProperties.PREFIX, name = "metrics.percentile-histograms",
      matchIfMissing = true)
  MeterFilter snapshotStoreHistogramFilter() {
    return SnapshotMeterFilters.percentileHistograms();
  }

  static AggregateTypeTags typeTags(SnapshotStoreProperties properties) {
    SnapshotStoreProperties.Metrics metrics = properties.getMetrics();
    AggregateTypeTags[] tags = new AggregateTypeTags[1];
    if (!metrics.getAggregateTypes().isEmpty()) {
      SharedOptions.set(SnapshotStoreProperties.PREFIX + ".metrics.aggregate-types", metrics.getAggregateTypes(),
          () -> tags[0] = AggregateTypeTags.only(metrics.getAggregateTypes()));
    } else {
      SharedOptions.set(SnapshotStoreProperties.PREFIX + ".metrics.max-aggregate-types",
          metrics.getMaxAggregateTypes(), () -> tags[0] = AggregateTypeTags.firstSeen(metrics.getMaxAggregateTypes()));
    }
    return tags[0];
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RehydrationListener.class)
  static class Rehydration {

    /** Add it to each repository: {@code AggregateRepository.builder(...).listener(rehydrationMetrics)}. */
    @Bean
    @ConditionalOnMissingBean
    RehydrationMetrics rehydrationMetrics(MeterRegistry meterRegistry, SnapshotStoreProperties properties) {
      return RehydrationMetrics.builder(meterRegistry)
          .aggregateTypeTags(typeTags(properties))
          .percentileHistograms(properties.getMetrics().isPercentileHistograms())
          .build();
    }
  }
}
