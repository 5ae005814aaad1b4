package dev.snapshotstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;

class SnapshotStoreActuatorAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, SnapshotStoreAutoConfiguration.class,
          SnapshotStoreActuatorAutoConfiguration.class))
      .withPropertyValues("snapshot-store.uri=mem:", "management.endpoints.web.exposure.include=snapshots");

  @Test
  @DisplayName("health is UP with the backend when the store answers a listing")
  void healthUp() {
    runner.run(context -> {
      Health health = context.getBean(SnapshotStoreHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("backend", "in-memory").containsEntry("retention", "5");
    });
  }

  @Test
  @DisplayName("health is DOWN, saying why, when the backend is unreachable or the schema unreadable")
  void healthDown() {
    SnapshotStore unreachable = new ForwardingSnapshotStore(InMemorySnapshotStore.create()) {
      @Override
      public Page<String> listTypes(PageRequest page) {
        throw new BackendUnavailableException("in-memory", "listTypes timed out", new java.io.IOException("t/o"));
      }
    };
    runner.withBean(SnapshotStore.class, () -> unreachable).run(context -> {
      Health health = context.getBean(SnapshotStoreHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("problem", "backend unreachable");
    });
    SnapshotStore noTable = new ForwardingSnapshotStore(InMemorySnapshotStore.create()) {
      @Override
      public Page<String> listTypes(PageRequest page) {
        throw new SnapshotConfigurationException("table app.snapshots is missing");
      }
    };
    runner.withBean(SnapshotStore.class, () -> noTable).run(context -> assertThat(
        context.getBean(SnapshotStoreHealthIndicator.class).health(true).getDetails())
        .containsEntry("problem", "schema or permissions"));
  }

  @Test
  @DisplayName("management.health.snapshotstore.enabled=false removes the indicator")
  void healthDisabled() {
    runner.withPropertyValues("management.health.snapshotstore.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SnapshotStoreHealthIndicator.class));
  }

  @Test
  @DisplayName("the snapshots endpoint lists per-type stats, at most max-types of them, and one type by name")
  void endpoint() {
    runner.withPropertyValues("snapshot-store.endpoint.max-types=2").run(context -> {
      SnapshotStore store = context.getBean(SnapshotStore.class);
      for (String type : new String[] {"Cart", "Invoice", "Order"}) {
        store.save(Snapshot.builder(type, "a", 1, new byte[10]).build());
        store.save(Snapshot.builder(type, "b", 1, new byte[5]).build());
      }
      SnapshotsEndpoint endpoint = context.getBean(SnapshotsEndpoint.class);
      SnapshotsEndpoint.StoreDescriptor all = endpoint.snapshots();
      assertThat(all.backend()).isEqualTo("in-memory");
      assertThat(all.types()).containsExactly(new SnapshotsEndpoint.TypeDescriptor("Cart", 2, 2, 15),
          new SnapshotsEndpoint.TypeDescriptor("Invoice", 2, 2, 15));
      assertThat(all.truncated()).isTrue();
      assertThat(endpoint.type("Order")).isEqualTo(new SnapshotsEndpoint.TypeDescriptor("Order", 2, 2, 15));
      assertThat(endpoint.type("Nothing")).isNull();
    });
  }

  @Test
  @DisplayName("the endpoint lists every type when they fit, and is absent when not exposed")
  void endpointExposure() {
    runner.run(context -> {
      context.getBean(SnapshotStore.class).save(Snapshot.builder("Order", "a", 1, new byte[1]).build());
      SnapshotsEndpoint.StoreDescriptor all = context.getBean(SnapshotsEndpoint.class).snapshots();
      assertThat(all.types()).hasSize(1);
      assertThat(all.truncated()).isFalse();
    });
    runner.withPropertyValues("management.endpoints.web.exposure.include=health")
        .run(context -> assertThat(context).doesNotHaveBean(SnapshotsEndpoint.class));
  }
}
