package dev.snapshotstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.jackson3.Jackson3SnapshotSerializer;
import dev.snapshotstore.micrometer.RehydrationMetrics;

/** Every auto-configured bean gives way to one of the application's, by type or, for decorators and filters, by name. */
class BackOffTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
          ObservationAutoConfiguration.class, JacksonAutoConfiguration.class, EndpointAutoConfiguration.class,
          SnapshotStoreAutoConfiguration.class, SnapshotSerializationAutoConfiguration.class,
          SnapshotStoreMetricsAutoConfiguration.class, SnapshotStoreActuatorAutoConfiguration.class))
      .withPropertyValues("snapshot-store.uri=mem:", "management.endpoints.web.exposure.include=snapshots");

  private <T> void replaces(String name, Class<T> type, Supplier<T> own) {
    T mine = own.get();
    runner.withBean(name, type, () -> mine).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(name)).as(name).isSameAs(mine);
      assertThat(context.getBeansOfType(type)).as("beans of " + type.getSimpleName()).containsValue(mine);
    });
  }

  @Test
  @DisplayName("with everything auto-configured, every bean is there")
  void everythingThere() {
    runner.run(context -> assertThat(context).hasSingleBean(SnapshotStore.class)
        .hasSingleBean(TypedSnapshotStores.class).hasSingleBean(RehydrationMetrics.class)
        .hasSingleBean(SnapshotsEndpoint.class).hasSingleBean(SnapshotStoreHealthIndicator.class)
        .hasBean("observedSnapshotStoreDecorator").hasBean("snapshotStoreHistogramFilter")
        .hasBean("snapshotSerializer").hasBean("snapshotPayloadCodec"));
  }

  @Test
  void store() {
    replaces("mySnapshotStore", SnapshotStore.class, InMemorySnapshotStore::create);
  }

  @Test
  void serializerAndCodec() {
    replaces("mySerializer", dev.snapshotstore.api.spi.SnapshotSerializer.class, Jackson3SnapshotSerializer::create);
    replaces("myCodec", dev.snapshotstore.api.spi.PayloadCodec.class, () -> IdentityCodec.INSTANCE);
  }

  @Test
  void typedViews() {
    replaces("myViews", TypedSnapshotStores.class, () -> new TypedSnapshotStores(InMemorySnapshotStore.create(),
        Jackson3SnapshotSerializer.create(), IdentityCodec.INSTANCE));
  }

  @Test
  void metrics() {
    replaces("observedSnapshotStoreDecorator", SnapshotStoreDecorator.class, () -> store -> store);
    replaces("snapshotStoreHistogramFilter", MeterFilter.class, () -> MeterFilter.accept());
    replaces("myRehydrationMetrics", RehydrationMetrics.class, () -> RehydrationMetrics.create(new SimpleMeterRegistry()));
  }

  @Test
  void actuator() {
    replaces("snapshotStoreHealthIndicator", SnapshotStoreHealthIndicator.class,
        () -> new SnapshotStoreHealthIndicator(InMemorySnapshotStore.create()));
    replaces("mySnapshotsEndpoint", SnapshotsEndpoint.class,
        () -> new SnapshotsEndpoint(InMemorySnapshotStore.create(), 1));
  }
}
