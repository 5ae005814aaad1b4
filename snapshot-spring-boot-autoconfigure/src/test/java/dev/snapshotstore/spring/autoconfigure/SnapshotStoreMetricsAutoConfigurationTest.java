package dev.snapshotstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.micrometer.DefaultSnapshotStoreObservationConvention;
import dev.snapshotstore.micrometer.ObservedSnapshotStore;
import dev.snapshotstore.micrometer.RehydrationMetrics;
import dev.snapshotstore.micrometer.SnapshotStoreObservationContext;
import dev.snapshotstore.micrometer.SnapshotStoreObservationConvention;

class SnapshotStoreMetricsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
          ObservationAutoConfiguration.class, SnapshotStoreAutoConfiguration.class,
          SnapshotStoreMetricsAutoConfiguration.class))
      .withPropertyValues("snapshot-store.uri=mem:");

  private static void exercise(SnapshotStore store) {
    store.save(Snapshot.builder("Order", "order-93be1f", 1, new byte[100]).build());
    store.save(Snapshot.builder("Invoice", "invoice-2c7a0d", 1, new byte[10]).build());
    store.loadLatest("Order", "order-93be1f");
    store.loadLatest("Order", "order-missing");
  }

  @Test
  @DisplayName("with a MeterRegistry the store is observed: timers through Boot's observation handler, payload sizes, histograms")
  void observed() {
    runner.run(context -> {
      SnapshotStore store = context.getBean(SnapshotStore.class);
      assertThat(store).isInstanceOf(ObservedSnapshotStore.class);
      exercise(store);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      Timer found = meters.get("snapshot.store.operation").tags("backend", "in-memory", "operation", "loadLatest",
          "aggregate.type", "Order", "outcome", "not_found", "error", "none").timer();
      assertThat(found.count()).isEqualTo(1);
      assertThat(meters.get("snapshot.store.operation.active").longTaskTimers()).isNotEmpty();
      assertThat(meters.get("snapshot.store.payload.size").tags("direction", "saved", "aggregate.type", "Order")
          .summary().totalAmount()).isEqualTo(100);
      assertThat(context).hasBean("snapshotStoreHistogramFilter");
      assertThat(context).hasSingleBean(RehydrationMetrics.class);
    });
  }

  @Test
  @DisplayName("metrics.aggregate-types limits the type tags; metrics.enabled=false leaves the store as it is")
  void properties() {
    runner.withPropertyValues("snapshot-store.metrics.aggregate-types=Order").run(context -> {
      exercise(context.getBean(SnapshotStore.class));
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("snapshot.store.operation").tags("operation", "save", "aggregate.type", "other")
          .timer().count()).isEqualTo(1);
      assertThat(meters.find("snapshot.store.operation").tag("aggregate.type", "Invoice").timers()).isEmpty();
    });
    runner.withPropertyValues("snapshot-store.metrics.enabled=false").run(context -> {
      assertThat(context.getBean(SnapshotStore.class)).isNotInstanceOf(ObservedSnapshotStore.class);
      assertThat(context).doesNotHaveBean(RehydrationMetrics.class);
    });
    runner.withPropertyValues("snapshot-store.metrics.percentile-histograms=false")
        .run(context -> assertThat(context).doesNotHaveBean("snapshotStoreHistogramFilter"));
    runner.withPropertyValues("snapshot-store.metrics.max-aggregate-types=0")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("snapshot-store.metrics.max-aggregate-types"));
  }

  @Test
  @DisplayName("an application's observation convention is used")
  void convention() {
    runner.withBean(SnapshotStoreObservationConvention.class, () -> new DefaultSnapshotStoreObservationConvention() {
          @Override
          public KeyValues getLowCardinalityKeyValues(SnapshotStoreObservationContext context) {
            return super.getLowCardinalityKeyValues(context).and("service", "orders");
          }
        })
        .run(context -> {
          exercise(context.getBean(SnapshotStore.class));
          assertThat(context.getBean(MeterRegistry.class).get("snapshot.store.operation").tag("service", "orders")
              .timers()).isNotEmpty();
        });
  }

  @Test
  @DisplayName("an application's own store bean is not wrapped")
  void ownStore() {
    SnapshotStore own = InMemorySnapshotStore.create();
    runner.withBean(SnapshotStore.class, () -> own)
        .run(context -> assertThat(context.getBean(SnapshotStore.class)).isSameAs(own));
  }

  @Test
  @DisplayName("without a MeterRegistry nothing is observed")
  void withoutMeterRegistry() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SnapshotStoreAutoConfiguration.class,
            SnapshotStoreMetricsAutoConfiguration.class))
        .withPropertyValues("snapshot-store.uri=mem:")
        .run(context -> assertThat(context.getBean(SnapshotStore.class)).isNotInstanceOf(ObservedSnapshotStore.class));
  }
}
