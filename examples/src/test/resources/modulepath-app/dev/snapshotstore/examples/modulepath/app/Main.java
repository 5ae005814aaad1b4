package dev.snapshotstore.examples.modulepath.app;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotSerializers;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.InMemoryEventLog;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

/** Opens {@code mem:}, saves and loads through a typed view with zstd, and loads an aggregate through it. */
public final class Main {

  /** The application's state, big enough for zstd to compress it. */
  public record Order(String customer, List<String> lines) {

    Order add(String line) {
      List<String> more = new java.util.ArrayList<>(lines);
      more.add(line);
      return new Order(customer, List.copyOf(more));
    }
  }

  private Main() {}

  public static void main(String[] args) {
    check(Main.class.getModule().isNamed(), "the application runs as a named module");
    Module api = SnapshotStore.class.getModule();
    check("dev.snapshotstore.api".equals(api.getName()), "snapshot-api is the module dev.snapshotstore.api");
    check(api.isExported("dev.snapshotstore.api.spi"), "snapshot-api exports its spi package");
    check(!api.isExported("dev.snapshotstore.api.internal"), "snapshot-api does not export its internal package");
    check(!AggregateRepository.class.getModule().isExported("dev.snapshotstore.rehydration.internal"),
        "snapshot-rehydration does not export its internal package");

    try (SnapshotStore store = SnapshotStores.discover().open("mem:?retention=3")) {
      // found through the descriptors' provides clauses, not META-INF/services
      TypedSnapshotStore<Order> orders = TypedSnapshotStore.builder(store, "Order", Order.class)
          .serializer(SnapshotSerializers.discover().get("jackson-json"))
          .codec(PayloadCodecs.discover().get("zstd"))
          .build();
      Order order = new Order("customer-1", IntStream.range(0, 200).mapToObj(i -> "SKU-" + i + " x1").toList());
      orders.save("order-1", 200, order, Map.of("source", "module path"));

      Snapshot stored = store.loadLatest("Order", "order-1").orElseThrow();
      check(stored.header().codecId().equals("zstd"), "the state was stored compressed by zstd");
      check(stored.payloadSize() < 2_000, "zstd shrank the state (" + stored.payloadSize() + " bytes)");
      check(orders.loadLatest("order-1").orElseThrow().state().equals(order), "the state reads back equal");

      InMemoryEventLog<String> events = InMemoryEventLog.create();
      events.append(StreamId.of("Order", "order-1"), 0, order.lines());
      events.append(StreamId.of("Order", "order-1"), List.of("SKU-late x2"));
      try (AggregateRepository<Order, String> repository = AggregateRepository.builder(orders, events,
              AggregateDefinition.of(() -> new Order("customer-1", List.of()), Order::add))
          .policy(SnapshotPolicy.never())
          .executor(Runnable::run)
          .build()) {
        LoadedAggregate<Order> loaded = repository.load("order-1");
        check(loaded.snapshotVersion().orElse(-1) == 200 && loaded.eventsReplayed() == 1,
            "the repository loaded the snapshot and one event (" + loaded + ")");
      }
    }
    List<String> uris = List.of("mem:", "redis://h:6379", "rediss://h:6380", "jdbc:postgresql://h/db",
        "postgresql://h/db", "jdbc:sqlserver://h:1433");
    SnapshotStores stores = SnapshotStores.discover();
    check(uris.stream().allMatch(uri -> stores.forUri(uri).isPresent()), "providers found for " + uris);

    TreeSet<String> ours = new TreeSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      if (module.getName().startsWith("dev.snapshotstore.")) {
        ours.add(module.getName());
      }
    }
    System.out.println("module path OK: " + ours);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("on the module path, expected: " + what);
    }
    System.out.println("ok: " + what);
  }
}
