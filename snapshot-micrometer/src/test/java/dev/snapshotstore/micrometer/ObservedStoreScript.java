package dev.snapshotstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreClosedException;

/**
 * One scripted sequence of operations on an observed store of a real backend, wired as Spring Boot wires it
 * (an ObservationRegistry with Micrometer's meter handler, plus the meter registry for payload sizes): afterwards
 * every meter has exactly the count the script implies, with the backend's name in its tags, and no aggregate id
 * appears anywhere in the registry. Each backend's test supplies the store.
 */
abstract class ObservedStoreScript {

  /** Distinctive, so that a substring search over the registry cannot miss them. */
  static final String ID_1 = "order-7f3a9c01";
  static final String ID_2 = "order-b42e6d17";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private SnapshotStore store;

  /** A store of the backend, with retention of at least 5, empty for the types {@link #orderType()} and {@link #customerType()}. */
  protected abstract SnapshotStore openStore();

  protected abstract String backend();

  /** Types unique to this run, so a shared server's other data cannot change the counts. */
  protected abstract String orderType();

  protected abstract String customerType();

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private Timer timer(String operation, String type, String outcome) {
    return meters.get("snapshot.store.operation").tags("backend", backend(), "operation", operation,
        "aggregate.type", type, "outcome", outcome).timer();
  }

  private DistributionSummary payloads(String type, String direction) {
    return meters.get("snapshot.store.payload.size").tags("backend", backend(), "aggregate.type", type,
        "direction", direction).summary();
  }

  private static Snapshot snapshot(String type, String id, long version, int payloadBytes) {
    return Snapshot.builder(type, id, version, new byte[payloadBytes]).build();
  }

  @Test
  @DisplayName("each meter has the right tags and counts after a scripted sequence, and no aggregate id anywhere")
  void scriptedSequence() {
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    store = ObservedSnapshotStore.builder(openStore()).meterRegistry(meters).observationRegistry(observations).build();
    String order = orderType();
    String customer = customerType();

    store.save(snapshot(order, ID_1, 1, 100));
    store.save(snapshot(order, ID_1, 2, 300));
    store.saveAll(List.of(snapshot(order, ID_2, 1, 50), snapshot(order, ID_2, 2, 70)));
    store.saveAll(List.of(snapshot(order, ID_2, 3, 10), snapshot(customer, ID_1, 1, 20)));
    assertThat(store.loadLatest(order, ID_1)).isPresent();
    assertThat(store.loadLatest(order, "missing")).isEmpty();
    assertThat(store.loadAtOrBefore(order, ID_1, 1)).isPresent();
    assertThat(store.loadAtOrBefore(order, ID_1, 0)).isEmpty();
    assertThat(store.history(order, ID_2)).hasSize(3);
    assertThat(store.history(order, ID_2, 1)).hasSize(1);
    assertThat(store.history(order, "missing")).isEmpty();
    store.delete(order, ID_2, 3);
    store.deleteStream(order, ID_2);
    assertThat(store.stats(order).snapshots()).isEqualTo(2);
    assertThat(store.listTypes(PageRequest.first(10_000)).items()).contains(customer, order);
    assertThat(store.listStreams(order, PageRequest.first(10)).items()).containsExactly(ID_1);
    store.deleteAll(customer);
    assertThatThrownBy(() -> store.loadLatest(order, "bad\u0000id")).isInstanceOf(IllegalArgumentException.class);
    store.close();
    assertThatThrownBy(() -> store.loadLatest(order, ID_1)).isInstanceOf(StoreClosedException.class);

    assertThat(timer("save", order, "success").count()).isEqualTo(2);
    assertThat(timer("saveAll", order, "success").count()).isEqualTo(1);
    assertThat(timer("saveAll", ObservedSnapshotStore.MIXED_TYPES, "success").count()).isEqualTo(1);
    assertThat(timer("loadLatest", order, "success").count()).isEqualTo(1);
    assertThat(timer("loadLatest", order, "not_found").count()).isEqualTo(1);
    assertThat(timer("loadAtOrBefore", order, "success").count()).isEqualTo(1);
    assertThat(timer("loadAtOrBefore", order, "not_found").count()).isEqualTo(1);
    assertThat(timer("history", order, "success").count()).isEqualTo(2);
    assertThat(timer("history", order, "not_found").count()).isEqualTo(1);
    assertThat(timer("delete", order, "success").count()).isEqualTo(1);
    assertThat(timer("deleteStream", order, "success").count()).isEqualTo(1);
    assertThat(timer("stats", order, "success").count()).isEqualTo(1);
    assertThat(timer("listTypes", ObservedSnapshotStore.NO_TYPE, "success").count()).isEqualTo(1);
    assertThat(timer("listStreams", order, "success").count()).isEqualTo(1);
    assertThat(timer("deleteAll", customer, "success").count()).isEqualTo(1);
    assertThat(timer("loadLatest", order, "invalid_argument").count()).isEqualTo(1);
    assertThat(meters.get("snapshot.store.operation").tags("outcome", "closed", "error", "StoreClosedException")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get("snapshot.store.operation").timers().stream().mapToLong(Timer::count).sum())
        .as("one sample per call").isEqualTo(19);
    assertThat(meters.get("snapshot.store.operation.active").longTaskTimers())
        .allSatisfy(active -> assertThat(active.activeTasks()).isZero());

    assertThat(payloads(order, "saved").count()).isEqualTo(5);
    assertThat(payloads(order, "saved").totalAmount()).isEqualTo(100 + 300 + 50 + 70 + 10);
    assertThat(payloads(customer, "saved").count()).isEqualTo(1);
    assertThat(payloads(order, "loaded").count()).isEqualTo(6);
    assertThat(payloads(order, "loaded").totalAmount()).isEqualTo(300 + 100 + 10 + 70 + 50 + 10);

    assertThat(ObservedSnapshotStoreTest.everythingIn(meters)).doesNotContain(ID_1).doesNotContain(ID_2)
        .doesNotContain("missing").doesNotContain("bad");
  }
}
