package dev.snapshotstore.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.EventLog;
import dev.snapshotstore.rehydration.EventSource;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

/**
 * The first-run demo: append a long order stream, snapshot it every N events, then load the order with and
 * without snapshots and print what it cost. Runs on the in-memory store by default; {@code --store <uri>}
 * points it at a real backend. On PostgreSQL the events go to an events table in the same database
 * ({@link DemoEventLog}), so both loads read what a real load reads.
 */
public final class SnapshotDemo {

  private static final String TYPE = "Order";
  private static final String ID = "order-demo-1";
  private static final StreamId STREAM = StreamId.of(TYPE, ID);
  private static final int TIMED_RUNS = 5;
  private static final int WARM_UP_RUNS = 3;
  private static final int MAX_BATCH = 1_000;
  /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
  private static final Logger SQL_SERVER_DRIVER_LOG = Logger.getLogger("com.microsoft.sqlserver.jdbc");
  private static final AggregateDefinition<OrderState, OrderEvent> ORDERS =
      AggregateDefinition.of(OrderState::initial, OrderState::apply);
  private static final JacksonSnapshotSerializer JSON = JacksonSnapshotSerializer.create();

  private final PrintStream out;
  private final DemoOptions options;

  SnapshotDemo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The whole command line: returns the exit status; failures are one line on {@code err}, never a stack trace. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage());
      err.println(DemoOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    // the SQL Server driver logs connection failures itself; the demo reports them in its one line
    SQL_SERVER_DRIVER_LOG.setLevel(Level.OFF);
    String shown = DemoBackend.redact(options.store());
    try (DemoBackend backend = DemoBackend.start(options.store(), out)) {
      new SnapshotDemo(options, out).run(backend.uri());
      return 0;
    } catch (SnapshotConfigurationException | IllegalArgumentException e) {
      err.println("demo: cannot open store '" + shown + "': " + DemoBackend.redact(oneLine(e)));
      return 2;
    } catch (SnapshotStoreException e) {
      err.println("demo: store '" + shown + "' failed: " + DemoBackend.redact(oneLine(e)));
      return 1;
    } catch (RuntimeException e) {
      err.println("demo: " + e.getClass().getSimpleName() + ": " + DemoBackend.redact(oneLine(e)));
      return 1;
    }
  }

  private static String oneLine(Throwable e) {
    return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
  }

  /** Runs the whole demo against the store the URI names and returns the measured table. */
  DemoReport run(String storeUri) {
    // the store first: it reports a wrong or unreachable server in one line, within the demo's short timeouts
    try (SnapshotStore store = SnapshotStores.discover().open(storeUri);
        DemoEventLog eventLog = DemoEventLog.forStore(storeUri, STREAM)) {
      store.deleteStream(TYPE, ID);
      PayloadCodec codec = compressionCodec().orElse(IdentityCodec.INSTANCE);
      // how the order's state is stored, said once: type, class, serializer, codec
      TypedSnapshotStore<OrderState> snapshots = TypedSnapshotStore.builder(store, TYPE, OrderState.class)
          .serializer(JSON)
          .codec(codec)
          .build();
      EventLog<OrderEvent> events = eventLog.log();
      // snapshots are taken by the append loop below, so loads only read them
      try (AggregateRepository<OrderState, OrderEvent> repository = AggregateRepository.builder(snapshots, events, ORDERS)
          .policy(SnapshotPolicy.never())
          .snapshotAfterLoad(false)
          .build()) {
        out.printf("snapshot-store demo: %,d events, a snapshot every %,d, store %s, codec %s, events in %s%n",
            options.events(), options.snapshotEvery(), DemoBackend.redact(storeUri), codec.id(), eventLog.source());

        appendStream(events, repository);

        long fullNanos = median(() -> replayAll(events));
        OrderState fromEvents = replayAll(events);

        long snapshotNanos = median(() -> repository.load(ID).state());
        LoadedAggregate<OrderState> loaded = repository.load(ID);
        if (loaded.snapshotVersion().isEmpty()) {
          throw new IllegalStateException("the store returned no snapshot of " + STREAM + " although the demo saved some");
        }

        Snapshot stored = store.loadLatest(TYPE, ID).orElseThrow();
        // the JSON of the very state in the stored snapshot, so both sizes describe the same bytes
        OrderState snapshotState = repository.snapshots().decode(stored).orElseThrow().state();
        int jsonBytes = JSON.serialize(snapshotState, OrderState.class).length;
        DemoReport report = new DemoReport(options.events(), loaded.eventsReplayed(), fullNanos, snapshotNanos,
            jsonBytes, stored.payloadSize(), stored.header().codecId(), fromEvents.equals(loaded.state()),
            eventLog.source());
        report.print(out);
        return report;
      }
    }
  }

  /**
   * Appends the order's events as an application would, a batch per command rather than a round trip per event: one
   * append between two snapshot points (at most {@value #MAX_BATCH} events, so a large {@code --snapshot-every} never
   * holds its whole interval in memory), and a snapshot at each point.
   */
  private void appendStream(EventLog<OrderEvent> events, AggregateRepository<OrderState, OrderEvent> repository) {
    OrderEvents generator = new OrderEvents(42);
    OrderState state = OrderState.initial();
    ProgressBar progress = new ProgressBar(out, "appending events", options.events(), options.progress());
    List<OrderEvent> batch = new ArrayList<>();
    long version = 0;
    for (int i = 1; i <= options.events(); i++) {
      OrderEvent event = generator.event(i - 1);
      batch.add(event);
      state = state.apply(event);
      boolean snapshotPoint = i % options.snapshotEvery() == 0;
      if (snapshotPoint || batch.size() == MAX_BATCH || i == options.events()) {
        version = events.append(STREAM, version, batch);
        batch = new ArrayList<>();
        if (snapshotPoint) {
          repository.snapshots().save(ID, version, state);
        }
        progress.update(i);
      }
    }
    progress.done();
  }

  /** Every event from version 1, through the same event source the repository reads. */
  private static OrderState replayAll(EventSource<OrderEvent> events) {
    OrderState state = OrderState.initial();
    try (Stream<RecordedEvent<OrderEvent>> all = events.readFrom(STREAM, 1)) {
      for (RecordedEvent<OrderEvent> event : (Iterable<RecordedEvent<OrderEvent>>) all::iterator) {
        state = state.apply(event.event());
      }
    }
    return state;
  }

  /** zstd when snapshot-compression is on the class path: the demo runs without it too. */
  private static Optional<PayloadCodec> compressionCodec() {
    return PayloadCodecs.discover().find("zstd");
  }

  private static long median(Supplier<OrderState> load) {
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      load.get();
    }
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
      int stateJsonBytes, int storedPayloadBytes, String codecId, boolean identicalState, String eventSource) {

    void print(PrintStream out) {
      out.println();
      out.println("loads of " + ID + ", events read from " + eventSource + ":");
      out.printf(Locale.ROOT, "%-22s | %15s | %12s%n", "load", "events replayed", "load time");
      out.printf(Locale.ROOT, "%-22s-+-%15s-+-%12s%n", "-".repeat(22), "-".repeat(15), "-".repeat(12));
      out.printf(Locale.ROOT, "%-22s | %,15d | %9.2f ms%n", "full replay", events, fullReplayNanos / 1e6);
      out.printf(Locale.ROOT, "%-22s | %,15d | %9.2f ms%n", "snapshot + tail", eventsReplayedWithSnapshot,
          snapshotLoadNanos / 1e6);
      out.println();
      out.println(sizeLine());
      out.printf(Locale.ROOT, "speed-up: %.1fx (median of %d loads each); state from snapshot equals state from full"
          + " replay: %s%n", (double) fullReplayNanos / Math.max(1, snapshotLoadNanos), TIMED_RUNS,
          identicalState ? "yes" : "NO");
    }

    String sizeLine() {
      if (codecId.equals(IdentityCodec.ID)) {
        return String.format(Locale.ROOT, "snapshot size: %,d bytes of JSON, stored uncompressed (%,d bytes): no"
            + " compression codec on the classpath, or the state is below its threshold", stateJsonBytes,
            storedPayloadBytes);
      }
      return String.format(Locale.ROOT, "snapshot size: %,d bytes of JSON before compression, %,d bytes stored after"
          + " (codec %s, %.1fx smaller)", stateJsonBytes, storedPayloadBytes, codecId,
          (double) stateJsonBytes / Math.max(1, storedPayloadBytes));
    }
  }
}
