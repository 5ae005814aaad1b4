package dev.snapshotstore.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.JacksonSnapshotSerializer;
import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.TypedSnapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;

/**
 * The first-run demo: append a long order stream, snapshot it every N events, then load the order with and
 * without snapshots and print what it cost. Runs on the in-memory store by default; {@code --store <uri>}
 * points it at a real backend.
 */
public final class SnapshotDemo {

  private static final String TYPE = "Order";
  private static final String ID = "order-demo-1";
  private static final int TIMED_RUNS = 5;

  private final PrintStream out;
  private final DemoOptions options;

  SnapshotDemo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(DemoOptions.USAGE);
      return;
    }
    try (DemoBackend backend = DemoBackend.start(options.store(), System.out)) {
      new SnapshotDemo(options, System.out).run(backend.uri());
    } catch (SnapshotConfigurationException | IllegalArgumentException e) {
      System.err.println("demo: cannot open store '" + options.store() + "': " + e.getMessage());
      System.exit(2);
    } catch (SnapshotStoreException e) {
      System.err.println("demo: store '" + options.store() + "' failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Runs the whole demo against the store the URI names and returns the measured table. */
  DemoReport run(String storeUri) {
    try (SnapshotStore store = SnapshotStores.discover().open(storeUri)) {
      store.deleteStream(TYPE, ID);
      PayloadCodec codec = compressionCodec().orElse(IdentityCodec.INSTANCE);
      TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(store, TYPE, OrderState.class)
          .codec(codec)
          .build();
      out.printf("snapshot-store demo: %,d events, a snapshot every %,d, store %s, codec %s%n",
          options.events(), options.snapshotEvery(), storeUri.replaceAll("//[^@/]*@", "//***@"), codec.id());

      List<OrderEvent> log = appendStream(orders);

      long fullNanos = median(() -> replay(OrderState.initial(), log, 0));
      OrderState fromEvents = replay(OrderState.initial(), log, 0);

      long[] replayedFromSnapshot = new long[1];
      long snapshotNanos = median(() -> {
        TypedSnapshot<OrderState> snapshot = orders.loadLatest(ID).orElseThrow();
        replayedFromSnapshot[0] = log.size() - snapshot.version();
        return replay(snapshot.state(), log, (int) snapshot.version());
      });
      TypedSnapshot<OrderState> latest = orders.loadLatest(ID).orElseThrow();
      OrderState fromSnapshot = replay(latest.state(), log, (int) latest.version());

      Snapshot stored = store.loadLatest(TYPE, ID).orElseThrow();
      int jsonBytes = JacksonSnapshotSerializer.create().serialize(latest.state()).length;
      DemoReport report = new DemoReport(log.size(), replayedFromSnapshot[0], fullNanos, snapshotNanos, jsonBytes,
          stored.payloadSize(), stored.header().codecId(), fromEvents.equals(fromSnapshot));
      report.print(out);
      return report;
    }
  }

  private List<OrderEvent> appendStream(TypedSnapshotStore<OrderState> orders) {
    OrderEvents generator = new OrderEvents(42);
    List<OrderEvent> log = new ArrayList<>(options.events());
    OrderState state = OrderState.initial();
    ProgressBar progress = new ProgressBar(out, "appending events", options.events(), options.progress());
    for (int i = 0; i < options.events(); i++) {
      OrderEvent event = generator.event(i);
      log.add(event);
      state = state.apply(event);
      long version = i + 1L;
      if (version % options.snapshotEvery() == 0) {
        orders.save(ID, version, state);
      }
      progress.update(i + 1);
    }
    progress.done();
    return log;
  }

  private static OrderState replay(OrderState from, List<OrderEvent> log, int afterVersion) {
    OrderState state = from;
    for (int i = afterVersion; i < log.size(); i++) {
      state = state.apply(log.get(i));
    }
    return state;
  }

  private static Optional<PayloadCodec> compressionCodec() {
    try {
      return Optional.of(PayloadCodecs.discover().forStoredId("zstd"));
    } catch (SnapshotConfigurationException absent) {
      return Optional.empty();
    }
  }

  private static long median(java.util.function.Supplier<OrderState> load) {
    load.get();
    long[] times = new long[TIMED_RUNS];
    for (int i = 0; i < TIMED_RUNS; i++) {
      long start = System.nanoTime();
      load.get();
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[TIMED_RUNS / 2];
  }

  /** What the demo measured. */
  record DemoReport(long events, long eventsReplayedWithSnapshot, long fullReplayNanos, long snapshotLoadNanos,
      int stateJsonBytes, int storedPayloadBytes, String codecId, boolean identicalState) {

    void print(PrintStream out) {
      out.println();
      out.printf(Locale.ROOT, "%-22s | %15s | %12s%n", "load", "events replayed", "load time");
      out.printf(Locale.ROOT, "%-22s-+-%15s-+-%12s%n", "-".repeat(22), "-".repeat(15), "-".repeat(12));
      out.printf(Locale.ROOT, "%-22s | %,15d | %9.2f ms%n", "full replay", events, fullReplayNanos / 1e6);
      out.printf(Locale.ROOT, "%-22s | %,15d | %9.2f ms%n", "snapshot + tail", eventsReplayedWithSnapshot,
          snapshotLoadNanos / 1e6);
      out.println();
      out.printf(Locale.ROOT, "snapshot size: %,d bytes of JSON, %,d bytes stored (codec %s)%n", stateJsonBytes,
          storedPayloadBytes, codecId);
      out.printf(Locale.ROOT, "speed-up: %.1fx; state from snapshot equals state from full replay: %s%n",
          (double) fullReplayNanos / Math.max(1, snapshotLoadNanos), identicalState ? "yes" : "NO");
    }
  }
}
