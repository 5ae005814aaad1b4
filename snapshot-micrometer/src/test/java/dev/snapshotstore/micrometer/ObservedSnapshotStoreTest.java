package dev.snapshotstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreClosedException;

class ObservedSnapshotStoreTest {

  /** Ids that must never appear in any meter: distinctive enough that a substring search cannot miss them. */
  private static final String ID_1 = "order-7f3a9c01";
  private static final String ID_2 = "order-b42e6d17";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /**
   * Whether each meter was registered with a percentile histogram, as the last filter sees its configuration
   * (a SimpleMeterRegistry keeps no histogram buckets itself: it does not support aggregable percentiles).
   */
  private final Map<String, Boolean> histogramByMeter = new ConcurrentHashMap<>();

  ObservedSnapshotStoreTest() {
    recordHistogramSettings(meters, histogramByMeter);
  }

  private static void recordHistogramSettings(SimpleMeterRegistry registry, Map<String, Boolean> into) {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        into.put(id.getName() + id.getTags(), Boolean.TRUE.equals(config.isPercentileHistogram()));
        return config;
      }
    });
  }

  private boolean histogram(Meter meter) {
    return histogramByMeter.get(meter.getId().getName() + meter.getId().getTags());
  }

  private static Snapshot snapshot(String type, String id, long version, int payloadBytes) {
    return Snapshot.builder(type, id, version, new byte[payloadBytes]).build();
  }

  private Timer timer(String operation, String type, String outcome) {
    return meters.get(DefaultSnapshotStoreObservationConvention.NAME)
        .tags("backend", "in-memory", "operation", operation, "aggregate.type", type, "outcome", outcome)
        .timer();
  }

  private DistributionSummary payloads(String type, String direction) {
    return meters.get("snapshot.store.payload.size")
        .tags("backend", "in-memory", "aggregate.type", type, "direction", direction)
        .summary();
  }

  @Nested
  @DisplayName("with a meter registry alone")
  class MeterRegistryAlone {

    private final SnapshotStore store = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
        .meterRegistry(meters)
        .build();

    @Test
    @DisplayName("a scripted sequence moves each timer and summary by exactly its count, tagged by outcome")
    void scriptedSequence() {
      store.save(snapshot("Order", ID_1, 1, 100));
      store.save(snapshot("Order", ID_1, 2, 300));
      store.saveAll(List.of(snapshot("Order", ID_2, 1, 50), snapshot("Order", ID_2, 2, 70)));
      store.saveAll(List.of(snapshot("Order", ID_2, 3, 10), snapshot("Customer", ID_1, 1, 20)));
      assertThat(store.loadLatest("Order", ID_1)).isPresent();
      assertThat(store.loadLatest("Order", "missing")).isEmpty();
      assertThat(store.loadAtOrBefore("Order", ID_1, 1)).isPresent();
      assertThat(store.loadAtOrBefore("Order", ID_1, 0)).isEmpty();
      assertThat(store.history("Order", ID_2)).hasSize(3);
      assertThat(store.history("Order", ID_2, 1)).hasSize(1);
      assertThat(store.history("Order", "missing")).isEmpty();
      store.delete("Order", ID_2, 3);
      store.deleteStream("Order", ID_2);
      assertThat(store.stats("Order").snapshots()).isEqualTo(2);
      assertThat(store.listTypes(PageRequest.first(10)).items()).containsExactly("Customer", "Order");
      assertThat(store.listStreams("Order", PageRequest.first(10)).items()).containsExactly(ID_1);
      store.deleteAll("Customer");

      assertThat(timer("save", "Order", "success").count()).isEqualTo(2);
      assertThat(timer("saveAll", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("saveAll", ObservedSnapshotStore.MIXED_TYPES, "success").count()).isEqualTo(1);
      assertThat(timer("loadLatest", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("loadLatest", "Order", "not_found").count()).isEqualTo(1);
      assertThat(timer("loadAtOrBefore", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("loadAtOrBefore", "Order", "not_found").count()).isEqualTo(1);
      assertThat(timer("history", "Order", "success").count()).isEqualTo(2);
      assertThat(timer("history", "Order", "not_found").count()).isEqualTo(1);
      assertThat(timer("delete", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("deleteStream", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("stats", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("listTypes", ObservedSnapshotStore.NO_TYPE, "success").count()).isEqualTo(1);
      assertThat(timer("listStreams", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("deleteAll", "Customer", "success").count()).isEqualTo(1);
      long operations = meters.get(DefaultSnapshotStoreObservationConvention.NAME).timers().stream()
          .mapToLong(Timer::count).sum();
      assertThat(operations).as("one timer sample per call").isEqualTo(17);

      assertThat(payloads("Order", "saved").count()).isEqualTo(5);
      assertThat(payloads("Order", "saved").totalAmount()).isEqualTo(100 + 300 + 50 + 70 + 10);
      assertThat(payloads("Customer", "saved").count()).isEqualTo(1);
      // loadLatest 300 + loadAtOrBefore 100 + history (10, 70, 50) + history limit 1 (10)
      assertThat(payloads("Order", "loaded").count()).isEqualTo(6);
      assertThat(payloads("Order", "loaded").totalAmount()).isEqualTo(300 + 100 + 10 + 70 + 50 + 10);
      assertThat(payloads("Order", "loaded").getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    @DisplayName("no aggregate id appears in any meter name, tag or description")
    void noAggregateIdAnywhere() {
      store.save(snapshot("Order", ID_1, 1, 10));
      store.loadLatest("Order", ID_1);
      store.loadLatest("Order", ID_2);
      store.history("Order", ID_1);
      store.deleteStream("Order", ID_1);
      assertThatThrownBy(() -> store.loadLatest("Order", ID_2 + "\u0000")).isInstanceOf(IllegalArgumentException.class);

      assertThat(meters.getMeters()).isNotEmpty();
      assertThat(everythingIn(meters)).doesNotContain(ID_1).doesNotContain(ID_2);
    }

    @Test
    @DisplayName("timers and payload summaries publish percentile histograms unless switched off")
    void percentileHistograms() {
      store.save(snapshot("Order", ID_1, 1, 1000));
      store.loadLatest("Order", ID_1);
      assertThat(histogram(timer("save", "Order", "success"))).isTrue();
      assertThat(histogram(payloads("Order", "saved"))).isTrue();
      assertThat(histogram(payloads("Order", "loaded"))).isTrue();

      SimpleMeterRegistry plain = new SimpleMeterRegistry();
      Map<String, Boolean> plainHistograms = new ConcurrentHashMap<>();
      recordHistogramSettings(plain, plainHistograms);
      SnapshotStore withoutHistograms = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .meterRegistry(plain)
          .percentileHistograms(false)
          .build();
      withoutHistograms.save(snapshot("Order", ID_1, 1, 1000));
      assertThat(plainHistograms).hasSize(2).doesNotContainValue(true);
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {

    private final ScriptedStore scripted = new ScriptedStore(InMemorySnapshotStore.create());
    private final SnapshotStore store = ObservedSnapshotStore.builder(scripted).meterRegistry(meters).build();

    @Test
    @DisplayName("each exception kind is counted under its own outcome, with the error tag, and rethrown unchanged")
    void outcomesByKind() {
      BackendUnavailableException down = new BackendUnavailableException("in-memory", "loadLatest timed out", new java.io.IOException("timeout"));
      scripted.failNext(down);
      assertThatThrownBy(() -> store.loadLatest("Order", ID_1)).isSameAs(down);
      CorruptSnapshotException corrupt = new CorruptSnapshotException("Order", ID_1, 1, "bad bytes");
      scripted.failNext(corrupt);
      assertThatThrownBy(() -> store.history("Order", ID_1)).isSameAs(corrupt);
      IllegalStateException bug = new IllegalStateException("bug");
      scripted.failNext(bug);
      assertThatThrownBy(() -> store.stats("Order")).isSameAs(bug);
      assertThatThrownBy(() -> store.save(snapshot("Order", ID_1, 1, 17 * 1024 * 1024)))
          .isInstanceOf(dev.snapshotstore.api.PayloadTooLargeException.class);

      assertThat(meters.get(DefaultSnapshotStoreObservationConvention.NAME)
          .tags("operation", "loadLatest", "outcome", "backend_unavailable", "error", "BackendUnavailableException")
          .timer().count()).isEqualTo(1);
      assertThat(meters.get(DefaultSnapshotStoreObservationConvention.NAME)
          .tags("operation", "history", "outcome", "corrupt", "error", "CorruptSnapshotException")
          .timer().count()).isEqualTo(1);
      assertThat(meters.get(DefaultSnapshotStoreObservationConvention.NAME)
          .tags("operation", "stats", "outcome", "error", "error", "IllegalStateException")
          .timer().count()).isEqualTo(1);
      assertThat(timer("save", "Order", "payload_too_large").count()).isEqualTo(1);
      assertThat(meters.find("snapshot.store.payload.size").meters()).as("nothing was saved").isEmpty();
    }

    @Test
    @DisplayName("bad arguments count as invalid_argument, and rejected types as 'invalid', never under the cap")
    void badArguments() {
      SnapshotStore capped = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .meterRegistry(meters)
          .aggregateTypeTags(AggregateTypeTags.firstSeen(1))
          .build();
      assertThatThrownBy(() -> capped.loadLatest("Bad\u0000Type", ID_1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> capped.loadLatest("x".repeat(5000), ID_1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> capped.loadLatest(null, ID_1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("aggregateType");
      assertThatThrownBy(() -> capped.save(null)).isInstanceOf(IllegalArgumentException.class);
      List<Snapshot> withNull = new ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> capped.saveAll(withNull)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> capped.history("Order", ID_1, 0)).isInstanceOf(IllegalArgumentException.class);
      capped.loadLatest("Order", ID_1);

      assertThat(timer("loadLatest", ObservedSnapshotStore.INVALID_TYPE, "invalid_argument").count()).isEqualTo(3);
      assertThat(timer("save", ObservedSnapshotStore.INVALID_TYPE, "invalid_argument").count()).isEqualTo(1);
      assertThat(timer("saveAll", ObservedSnapshotStore.INVALID_TYPE, "invalid_argument").count()).isEqualTo(1);
      assertThat(timer("history", "Order", "invalid_argument").count()).isEqualTo(1);
      assertThat(timer("loadLatest", "Order", "not_found").count())
          .as("the one place under the cap went to the first valid type").isEqualTo(1);
    }

    @Test
    @DisplayName("after close every call fails with the delegate's StoreClosedException, counted as closed")
    void closed() {
      store.close();
      store.close();
      assertThat(scripted.closeCalls).isEqualTo(2);
      assertThatThrownBy(() -> store.loadLatest(null, null)).isInstanceOf(StoreClosedException.class);
      assertThatThrownBy(() -> store.listTypes(PageRequest.first(1))).isInstanceOf(StoreClosedException.class);
      assertThat(meters.get(DefaultSnapshotStoreObservationConvention.NAME).tags("outcome", "closed").timers()
          .stream().mapToLong(Timer::count).sum()).isEqualTo(2);
    }

    @Test
    @DisplayName("limits() and backend() are the delegate's")
    void limitsAndBackend() {
      assertThat(store.limits()).isEqualTo(scripted.limits());
      assertThat(store.backend()).isEqualTo("in-memory");
      assertThat(((ObservedSnapshotStore) store).delegate()).isSameAs(scripted);
    }
  }

  @Nested
  @DisplayName("aggregate type tags")
  class TypeTags {

    @Test
    @DisplayName("firstSeen(n) tags the first n types and every later one as 'other'")
    void firstSeen() {
      SnapshotStore store = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .meterRegistry(meters)
          .aggregateTypeTags(AggregateTypeTags.firstSeen(2))
          .build();
      for (String type : List.of("A", "B", "C", "D", "A")) {
        store.save(snapshot(type, ID_1, 1, 10));
      }
      assertThat(timer("save", "A", "success").count()).isEqualTo(2);
      assertThat(timer("save", "B", "success").count()).isEqualTo(1);
      assertThat(timer("save", AggregateTypeTags.OTHER, "success").count()).isEqualTo(2);
      assertThat(payloads(AggregateTypeTags.OTHER, "saved").count()).isEqualTo(2);
      assertThat(meters.find(DefaultSnapshotStoreObservationConvention.NAME).tag("aggregate.type", "C").timers())
          .isEmpty();
    }

    @Test
    @DisplayName("only(types) tags exactly those types")
    void only() {
      SnapshotStore store = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .meterRegistry(meters)
          .aggregateTypeTags(AggregateTypeTags.only(List.of("Order")))
          .build();
      store.save(snapshot("Order", ID_1, 1, 10));
      store.save(snapshot("Customer", ID_1, 1, 10));
      assertThat(timer("save", "Order", "success").count()).isEqualTo(1);
      assertThat(timer("save", AggregateTypeTags.OTHER, "success").count()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad policies fail naming the argument")
    void badPolicies() {
      assertThatThrownBy(() -> AggregateTypeTags.firstSeen(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxTypes");
      assertThatThrownBy(() -> AggregateTypeTags.only(List.of("")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types");
      assertThatThrownBy(() -> ObservedSnapshotStore.builder(InMemorySnapshotStore.create()).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meterRegistry or observationRegistry");
      assertThatThrownBy(() -> ObservedSnapshotStore.builder(null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("delegate");
    }
  }

  @Nested
  @DisplayName("with an observation registry")
  class WithObservationRegistry {

    private final ObservationRegistry observations = ObservationRegistry.create();
    private final List<SnapshotStoreObservationContext> stopped = new CopyOnWriteArrayList<>();

    WithObservationRegistry() {
      observations.observationConfig().observationHandler(new ObservationHandler<>() {
        @Override
        public void onStop(Observation.Context context) {
          stopped.add((SnapshotStoreObservationContext) context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
          return context instanceof SnapshotStoreObservationContext;
        }
      });
    }

    @Test
    @DisplayName("each operation is one observation, named and tagged by the convention, in scope around the delegate")
    void observationsAndScope() {
      AtomicReference<Observation> seenByDelegate = new AtomicReference<>();
      ScriptedStore scripted = new ScriptedStore(InMemorySnapshotStore.create());
      scripted.onCall = () -> seenByDelegate.set(observations.getCurrentObservation());
      SnapshotStore store = ObservedSnapshotStore.builder(scripted).observationRegistry(observations).build();

      store.save(snapshot("Order", ID_1, 1, 10));
      assertThat(seenByDelegate.get()).as("the delegate runs inside the operation's observation").isNotNull();
      assertThat(seenByDelegate.get().getContextView()).isInstanceOf(SnapshotStoreObservationContext.class);
      store.loadLatest("Order", ID_2);

      assertThat(stopped).hasSize(2);
      SnapshotStoreObservationContext save = stopped.get(0);
      assertThat(save.getName()).isEqualTo("snapshot.store.operation");
      assertThat(save.getContextualName()).isEqualTo("snapshot save");
      assertThat(save.getLowCardinalityKeyValues().stream().map(kv -> kv.getKey() + "=" + kv.getValue()))
          .containsExactlyInAnyOrder("backend=in-memory", "operation=save", "aggregate.type=Order", "outcome=success");
      assertThat(save.getHighCardinalityKeyValues()).isEmpty();
      assertThat(stopped.get(1).outcome()).isEqualTo(Outcome.NOT_FOUND);
      assertThat(observations.getCurrentObservation()).as("scope closed after the call").isNull();
    }

    @Test
    @DisplayName("a custom convention renames and adds tags")
    void customConvention() {
      SnapshotStore store = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .observationRegistry(observations)
          .observationConvention(new DefaultSnapshotStoreObservationConvention() {
            @Override
            public String getName() {
              return "orders.snapshots";
            }

            @Override
            public io.micrometer.common.KeyValues getLowCardinalityKeyValues(SnapshotStoreObservationContext context) {
              return super.getLowCardinalityKeyValues(context).and("team", "checkout");
            }
          })
          .build();
      store.save(snapshot("Order", ID_1, 1, 10));
      assertThat(stopped.get(0).getName()).isEqualTo("orders.snapshots");
      assertThat(stopped.get(0).getLowCardinalityKeyValue("team").getValue()).isEqualTo("checkout");
    }

    @Test
    @DisplayName("through Micrometer's default meter handler and our filter, the timer has the same name, tags and histogram")
    void defaultMeterHandlerGivesTheSameTimer() {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      meters.config().meterFilter(SnapshotMeterFilters.percentileHistograms());
      Map<String, Boolean> histograms = new ConcurrentHashMap<>();
      recordHistogramSettings(meters, histograms);
      observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
      SnapshotStore store = ObservedSnapshotStore.builder(InMemorySnapshotStore.create())
          .observationRegistry(observations)
          .meterRegistry(meters)
          .build();
      store.save(snapshot("Order", ID_1, 1, 10));
      store.loadLatest("Order", ID_1);

      SimpleMeterRegistry direct = new SimpleMeterRegistry();
      SnapshotStore alone = ObservedSnapshotStore.builder(InMemorySnapshotStore.create()).meterRegistry(direct).build();
      alone.save(snapshot("Order", ID_1, 1, 10));
      alone.loadLatest("Order", ID_1);

      assertThat(tagSets(meters)).isEqualTo(tagSets(direct));
      Timer save = meters.get(DefaultSnapshotStoreObservationConvention.NAME).tags("operation", "save").timer();
      assertThat(histograms.get(save.getId().getName() + save.getId().getTags())).isTrue();
      assertThat(meters.get("snapshot.store.operation.active").longTaskTimer().activeTasks()).isZero();
      assertThat(everythingIn(meters)).doesNotContain(ID_1);
    }
  }

  private static List<String> tagSets(SimpleMeterRegistry registry) {
    return registry.find(DefaultSnapshotStoreObservationConvention.NAME).timers().stream()
        .map(t -> t.getId().getTags().toString())
        .sorted()
        .toList();
  }

  /** Every name, tag key, tag value, description and unit of every meter, as one text. */
  static String everythingIn(SimpleMeterRegistry registry) {
    StringBuilder text = new StringBuilder();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      text.append(id.getName()).append(' ').append(id.getDescription()).append(' ').append(id.getBaseUnit());
      for (Tag tag : id.getTags()) {
        text.append(' ').append(tag.getKey()).append('=').append(tag.getValue());
      }
      text.append('\n');
    }
    text.append(registry.getMetersAsString());
    return text.toString();
  }
}
