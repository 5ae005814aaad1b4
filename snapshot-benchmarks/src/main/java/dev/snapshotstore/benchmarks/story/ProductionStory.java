package dev.snapshotstore.benchmarks.story;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.benchmarks.servers.PostgresServer;
import dev.snapshotstore.benchmarks.story.PatientAggregate.ClinicalNoteAdded;
import dev.snapshotstore.benchmarks.story.PatientAggregate.LabResultReceived;
import dev.snapshotstore.benchmarks.story.PatientAggregate.MedicationAdministered;
import dev.snapshotstore.benchmarks.story.PatientAggregate.Patient;
import dev.snapshotstore.benchmarks.story.PatientAggregate.PatientAdmitted;
import dev.snapshotstore.benchmarks.story.PatientAggregate.PatientEvent;
import dev.snapshotstore.benchmarks.story.PatientAggregate.VitalsRecorded;
import dev.snapshotstore.benchmarks.story.PatientAggregate.WardTransferred;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.BackgroundSnapshotter;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.RehydrationCounters;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydrationjdbc.EncodedEvent;
import dev.snapshotstore.rehydrationjdbc.EventDecoder;
import dev.snapshotstore.rehydrationjdbc.EventTable;
import dev.snapshotstore.rehydrationjdbc.JdbcEventSource;
import dev.snapshotstore.testservers.PostgresTestServer;

/**
 * The source documents' production story as a closed-loop load: patients' events in a PostgreSQL events table read
 * through {@link JdbcEventSource}, snapshots in {@link PostgresSnapshotStore}, loads through
 * {@link AggregateRepository}. Scenarios, each on the same events and for the same fixed window:
 * (a) full replay, no snapshots; (b) a snapshot every 200 events written on the request path (synchronously, on
 * the loader's thread); (c) no request-path snapshots, a {@link BackgroundSnapshotter} pass ("nightly job") before
 * the day's events; (d) reading (c)'s tails alone, without the snapshot, the least a snapshot path can cost.
 *
 * <p>Arguments, all optional, as {@code name=value}: {@code aggregates} (200), {@code events} (4000 per
 * aggregate), {@code day} (each patient gets 1 to this many events after the nightly pass; 100), {@code loaders}
 * (32), {@code seconds} (measured window per scenario; 30), {@code warmup} (seconds; 6), {@code out} (the Markdown
 * file; {@code docs/benchmarks-production-story.md}, the SVG beside it). The server: {@value
 * PostgresServer#URL_VARIABLE} if set (its {@code story_*} schemas are dropped and recreated), else as the other
 * benchmarks get theirs.
 */
public final class ProductionStory {

  static final long SEED = 20_260_105L;
  private static final String EVENTS_SCHEMA = "story_events";
  private static final Duration LOADER_GRACE = Duration.ofMinutes(2);

  private final Options options;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> timings = new ArrayList<>();

  private ProductionStory(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new ProductionStory(Options.parse(args)).run();
  }

  /** The run's parameters. */
  record Options(int aggregates, int events, int day, int loaders, int seconds, int warmup, Path out) {

    static Options parse(String[] args) {
      int aggregates = 200;
      int events = 4_000;
      int day = 100;
      int loaders = 32;
      int seconds = 30;
      int warmup = 6;
      Path out = Path.of("docs/benchmarks-production-story.md");
      for (String arg : args) {
        int equals = arg.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException("argument '" + arg + "' must be name=value");
        }
        String name = arg.substring(0, equals);
        String value = arg.substring(equals + 1);
        switch (name) {
          case "aggregates" -> aggregates = positive(name, value);
          case "events" -> events = positive(name, value);
          case "day" -> day = positive(name, value);
          case "loaders" -> loaders = positive(name, value);
          case "seconds" -> seconds = positive(name, value);
          case "warmup" -> warmup = positive(name, value);
          case "out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument '" + name
              + "' (known: aggregates, events, day, loaders, seconds, warmup, out)");
        }
      }
      return new Options(aggregates, events, day, loaders, seconds, warmup, out);
    }

    private static int positive(String name, String value) {
      int parsed;
      try {
        parsed = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number but was '" + value + "'", e);
      }
      if (parsed < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 but was " + parsed);
      }
      return parsed;
    }
  }

  /** One load of the patient with this index, as one scenario does it. */
  @FunctionalInterface
  interface Load {
    void run(int patient) throws Exception;
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    long phase = started;
    try (PostgresTestServer server = PostgresTestServer.start(PostgresServer.URL_VARIABLE);
        HikariDataSource pool = pool(server)) {
      phase = lap("server start", phase);
      for (String schema : List.of(EVENTS_SCHEMA, "story_a", "story_b", "story_c")) {
        execute(pool, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        execute(pool, "CREATE SCHEMA \"" + schema + "\"");
      }
      JdbcEventSource<PatientEvent> events = JdbcEventSource.builder(pool, decoder())
          .table(EventTable.builder().schema(EVENTS_SCHEMA).build())
          .encoder(event -> new EncodedEvent(event.getClass().getSimpleName(), json.writeValueAsBytes(event)))
          .build();
      events.createTable();
      bulkLoad(pool);
      phase = lap("bulk load of " + options.aggregates() * (long) options.events() + " events (COPY)", phase);
      execute(pool, "VACUUM (ANALYZE) \"" + EVENTS_SCHEMA + "\".\"events\"");
      phase = lap("VACUUM ANALYZE of the events table", phase);

      PostgresSnapshotStore storeA = store(pool, "story_a");
      PostgresSnapshotStore storeB = store(pool, "story_b");
      PostgresSnapshotStore storeC = store(pool, "story_c");
      BackgroundSnapshotter.Progress nightly;
      try (AggregateRepository<Patient, PatientEvent> nightlyRepository = repository(storeC, events,
          SnapshotPolicy.never(), false); BackgroundSnapshotter snapshotter = BackgroundSnapshotter
              .builder(nightlyRepository, events).threshold(200).maxSnapshotsPerSecond(100_000).build()) {
        nightly = snapshotter.runOnce();
      }
      if (nightly.snapshotsTaken() != options.aggregates() || nightly.failures() != 0) {
        throw new IllegalStateException("the nightly pass should snapshot every patient once: " + nightly);
      }
      phase = lap("nightly BackgroundSnapshotter pass (" + nightly.snapshotsTaken() + " snapshots)", phase);
      long[] tailFrom = new long[options.aggregates()];
      long dayEvents = appendTheDay(events, storeC, tailFrom);
      phase = lap("the day's " + dayEvents + " events appended through JdbcEventSource.append", phase);
      String dataFacts = dataFacts(pool);

      warmUp(events, storeA, storeC);
      phase = lap("warm-up", phase);

      StoryReport.Row a;
      StoryReport.Row b;
      StoryReport.Row c;
      StoryReport.Row d;
      try (AggregateRepository<Patient, PatientEvent> repository = repository(storeA, events, SnapshotPolicy.never(),
          false)) {
        LatencySummary summary = measure("(a) full replay", p -> repository.load(PatientAggregate.patientId(p)));
        a = new StoryReport.Row(summary, counted(repository.counters(), false));
      }
      try (AggregateRepository<Patient, PatientEvent> repository = repository(storeB, events,
          SnapshotPolicy.everyEvents(200), true)) {
        LatencySummary summary = measure("(b) snapshot every 200, request path",
            p -> repository.load(PatientAggregate.patientId(p)));
        b = new StoryReport.Row(summary, counted(repository.counters(), true));
      }
      try (AggregateRepository<Patient, PatientEvent> repository = repository(storeC, events, SnapshotPolicy.never(),
          false)) {
        LatencySummary summary = measure("(c) nightly snapshots + tail",
            p -> repository.load(PatientAggregate.patientId(p)));
        c = new StoryReport.Row(summary, counted(repository.counters(), false));
      }
      LatencySummary tail = measure("(d) tail alone (no snapshot read)", p -> readTail(events, p, tailFrom[p]));
      d = new StoryReport.Row(tail, "events after (c)'s snapshot, read and applied: " + tailFacts(tailFrom, events));
      lap("four measured windows", phase);
      storeA.close();
      storeB.close();
      storeC.close();

      double total = (System.nanoTime() - started) / 1e9;
      String setup = setup(server, dataFacts, dayEvents);
      String footer = footer(total);
      Path svgPath = svgPathOf(options.out());
      String svg = LatencyPlot.svg(String.format(Locale.ROOT, "Loading a patient: %d aggregates × %,d events, %d "
          + "loaders", options.aggregates(), options.events(), options.loaders()), List.of(a.summary(),
          b.summary(), c.summary(), d.summary()));
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(svgPath, svg, StandardCharsets.UTF_8);
      Files.writeString(options.out(), StoryReport.markdown(setup, a, b, c, d, svgPath.getFileName().toString(),
          footer), StandardCharsets.UTF_8);
      System.out.println(Files.readString(options.out(), StandardCharsets.UTF_8));
      System.out.printf(Locale.ROOT, "== production story took %.0f s; wrote %s and %s%n", total, options.out(),
          svgPath);
    }
  }

  static Path svgPathOf(Path markdown) {
    String name = markdown.getFileName().toString();
    String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    return markdown.resolveSibling(base + ".svg");
  }

  private long lap(String what, long since) {
    long now = System.nanoTime();
    String line = String.format(Locale.ROOT, "%s: %.1f s", what, (now - since) / 1e9);
    timings.add(line);
    System.out.println("== " + line);
    return now;
  }

  private HikariDataSource pool(PostgresTestServer server) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    // One connection per loader, so that loaders wait for the database, never for the pool.
    config.setMaximumPoolSize(options.loaders() + 2);
    config.setMinimumIdle(options.loaders() + 2);
    config.setConnectionTimeout(Duration.ofSeconds(60).toMillis());
    config.setPoolName("story");
    return new HikariDataSource(config);
  }

  private EventDecoder<PatientEvent> decoder() {
    return EventDecoder.<PatientEvent>perType()
        .type("PatientAdmitted", payload -> json.readValue(payload, PatientAdmitted.class))
        .type("VitalsRecorded", payload -> json.readValue(payload, VitalsRecorded.class))
        .type("MedicationAdministered", payload -> json.readValue(payload, MedicationAdministered.class))
        .type("LabResultReceived", payload -> json.readValue(payload, LabResultReceived.class))
        .type("ClinicalNoteAdded", payload -> json.readValue(payload, ClinicalNoteAdded.class))
        .type("WardTransferred", payload -> json.readValue(payload, WardTransferred.class))
        .build();
  }

  private static PostgresSnapshotStore store(DataSource pool, String schema) {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema).build());
  }

  private static AggregateRepository<Patient, PatientEvent> repository(PostgresSnapshotStore store,
      JdbcEventSource<PatientEvent> events, SnapshotPolicy policy, boolean snapshotAfterLoad) {
    TypedSnapshotStore<Patient> snapshots = TypedSnapshotStore.builder(store, PatientAggregate.TYPE, Patient.class)
        .serializer(JacksonSnapshotSerializer.create())
        .revision(PatientAggregate.REVISION)
        .build();
    // Runnable::run: a snapshot that is due is written on the loader's own thread, inside its measured load.
    return AggregateRepository.builder(snapshots, events, PatientAggregate.DEFINITION)
        .policy(policy)
        .snapshotAfterLoad(snapshotAfterLoad)
        .executor(Runnable::run)
        .build();
  }

  /** COPY, one patient per statement, two connections at once: the server parses jsonb on both cores. */
  private void bulkLoad(HikariDataSource pool) throws Exception {
    String copy = "COPY \"" + EVENTS_SCHEMA + "\".\"events\" (\"aggregate_type\", \"stream_id\", \"version\", "
        + "\"event_type\", \"payload\") FROM STDIN";
    ExecutorService loaders = Executors.newFixedThreadPool(2);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int worker = 0; worker < 2; worker++) {
        int first = worker;
        futures.add(loaders.submit(() -> {
          long rows = 0;
          try (Connection connection = pool.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (int patient = first; patient < options.aggregates(); patient += 2) {
              StringBuilder text = new StringBuilder(options.events() * 400);
              long version = 1;
              for (PatientEvent event : PatientAggregate.history(SEED, patient, 1, options.events())) {
                text.append(PatientAggregate.TYPE).append('\t').append(PatientAggregate.patientId(patient))
                    .append('\t').append(version++).append('\t').append(event.getClass().getSimpleName())
                    .append('\t').append(copyEscape(json.writeValueAsString(event))).append('\n');
              }
              rows += pg.getCopyAPI().copyIn(copy, new StringReader(text.toString()));
            }
          }
          return rows;
        }));
      }
      long rows = 0;
      for (Future<Long> future : futures) {
        rows += future.get(10, TimeUnit.MINUTES);
      }
      if (rows != options.aggregates() * (long) options.events()) {
        throw new IllegalStateException("COPY loaded " + rows + " events, not " + options.aggregates() + " x "
            + options.events());
      }
    } finally {
      loaders.shutdownNow();
    }
  }

  /** COPY's text format: a backslash, tab, newline or carriage return must be escaped; Jackson writes no raw controls. */
  static String copyEscape(String value) {
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  /** Each patient gets 1 to {@code day} more events after the nightly pass; tailFrom gets its snapshot version. */
  private long appendTheDay(JdbcEventSource<PatientEvent> events, PostgresSnapshotStore nightlyStore,
      long[] tailFrom) {
    SplittableRandom random = new SplittableRandom(SEED);
    long appended = 0;
    for (int patient = 0; patient < options.aggregates(); patient++) {
      String id = PatientAggregate.patientId(patient);
      tailFrom[patient] = nightlyStore.loadLatest(PatientAggregate.TYPE, id).map(Snapshot::version)
          .orElseThrow(() -> new IllegalStateException("the nightly pass left no snapshot of " + id));
      int today = 1 + random.nextInt(options.day());
      events.append(StreamId.of(PatientAggregate.TYPE, id), options.events(),
          PatientAggregate.history(SEED, patient, options.events() + 1L, options.events() + (long) today));
      appended += today;
    }
    return appended;
  }

  private void warmUp(JdbcEventSource<PatientEvent> events, PostgresSnapshotStore storeA,
      PostgresSnapshotStore storeC) throws Exception {
    Duration half = Duration.ofMillis(options.warmup() * 500L);
    try (AggregateRepository<Patient, PatientEvent> full = repository(storeA, events, SnapshotPolicy.never(), false);
        AggregateRepository<Patient, PatientEvent> nightly = repository(storeC, events, SnapshotPolicy.never(),
            false)) {
      runLoaders(half, p -> full.load(PatientAggregate.patientId(p)));
      runLoaders(half, p -> nightly.load(PatientAggregate.patientId(p)));
    }
  }

  private LatencySummary measure(String scenario, Load load) throws Exception {
    System.out.println("== measuring " + scenario);
    Measured measured = runLoaders(Duration.ofSeconds(options.seconds()), load);
    LatencySummary summary = LatencySummary.of(scenario, measured.latencies(), measured.seconds());
    System.out.printf(Locale.ROOT, "   %d loads, %.1f loads/s, p50 %s ms, p95 %s ms, p99 %s ms%n", summary.loads(),
        summary.loadsPerSecond(), StoryReport.millis(summary.p50Millis()), StoryReport.millis(summary.p95Millis()),
        StoryReport.millis(summary.p99Millis()));
    return summary;
  }

  record Measured(long[] latencies, double seconds) {}

  /**
   * A closed loop: every loader starts its next load when the previous one returns, until the window closes; a load
   * started inside the window is measured to its end, and the window is counted to the last one's end.
   */
  private Measured runLoaders(Duration window, Load load) throws Exception {
    int loaders = options.loaders();
    ExecutorService threads = Executors.newFixedThreadPool(loaders);
    CountDownLatch ready = new CountDownLatch(loaders);
    CountDownLatch go = new CountDownLatch(1);
    long[] start = new long[1];
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int loader = 0; loader < loaders; loader++) {
        SplittableRandom random = new SplittableRandom(SEED + loader);
        futures.add(threads.submit(() -> {
          ready.countDown();
          if (!go.await(1, TimeUnit.MINUTES)) {
            throw new TimeoutException("waited a minute for the other loaders to be ready");
          }
          long deadline = start[0] + window.toNanos();
          long[] latencies = new long[1024];
          int count = 0;
          while (System.nanoTime() < deadline) {
            int patient = random.nextInt(options.aggregates());
            long before = System.nanoTime();
            load.run(patient);
            long took = System.nanoTime() - before;
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = took;
          }
          return Arrays.copyOf(latencies, count);
        }));
      }
      if (!ready.await(1, TimeUnit.MINUTES)) {
        throw new TimeoutException("waited a minute for " + loaders + " loader threads to start");
      }
      start[0] = System.nanoTime();
      go.countDown();
      List<long[]> all = new ArrayList<>();
      int total = 0;
      for (Future<long[]> future : futures) {
        long[] latencies = future.get(window.plus(LOADER_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        all.add(latencies);
        total += latencies.length;
      }
      double seconds = (System.nanoTime() - start[0]) / 1e9;
      long[] merged = new long[total];
      int at = 0;
      for (long[] latencies : all) {
        System.arraycopy(latencies, 0, merged, at, latencies.length);
        at += latencies.length;
      }
      return new Measured(merged, seconds);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void readTail(JdbcEventSource<PatientEvent> events, int patient, long snapshotVersion) {
    Patient state = PatientAggregate.DEFINITION.initialState();
    try (Stream<RecordedEvent<PatientEvent>> tail = events.read(StreamId.of(PatientAggregate.TYPE,
        PatientAggregate.patientId(patient)), snapshotVersion + 1, Long.MAX_VALUE)) {
      for (RecordedEvent<PatientEvent> event : (Iterable<RecordedEvent<PatientEvent>>) tail::iterator) {
        state = PatientAggregate.DEFINITION.apply(state, event.event());
      }
    }
    if (state.events() == 0) {
      throw new IllegalStateException("patient " + patient + " has no events after version " + snapshotVersion);
    }
  }

  private static String counted(RehydrationCounters counters, boolean requestPath) {
    String replayed = String.format(Locale.ROOT, "events replayed per load p50 %d, p95 %d, max %d",
        counters.eventsReplayed(PatientAggregate.TYPE).percentile(50),
        counters.eventsReplayed(PatientAggregate.TYPE).percentile(95),
        counters.eventsReplayed(PatientAggregate.TYPE).max());
    String loads = String.format(Locale.ROOT, "%d from a snapshot, %d full replays", counters.snapshotHits(),
        counters.fullReplays());
    String saved = requestPath ? String.format(Locale.ROOT, ", %d snapshots written on the request path",
        counters.snapshotsSaved()) : "";
    return loads + saved + "; " + replayed;
  }

  private String tailFacts(long[] tailFrom, JdbcEventSource<PatientEvent> events) {
    long[] lengths = new long[tailFrom.length];
    for (int patient = 0; patient < tailFrom.length; patient++) {
      lengths[patient] = events.headVersion(StreamId.of(PatientAggregate.TYPE, PatientAggregate.patientId(patient)))
          .orElseThrow() - tailFrom[patient];
    }
    Arrays.sort(lengths);
    return String.format(Locale.ROOT, "%d to %d per patient, median %d", lengths[0], lengths[lengths.length - 1],
        LatencySummary.percentile(lengths, 50));
  }

  private String dataFacts(DataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*), avg(octet_length(\"payload\"::text)), "
            + "pg_total_relation_size('\"" + EVENTS_SCHEMA + "\".\"events\"'), version() FROM \"" + EVENTS_SCHEMA
            + "\".\"events\"")) {
      rows.next();
      return String.format(Locale.ROOT, "%,d events, %.0f bytes of JSON each on average, table and index %,d MB; %s",
          rows.getLong(1), rows.getDouble(2), rows.getLong(3) / (1024 * 1024), rows.getString(4));
    }
  }

  private String setup(PostgresTestServer server, String dataFacts, long dayEvents) {
    return String.format(Locale.ROOT, """
        The source documents' production story, measured: %d patients, each with %,d events written before the \
        nightly job and 1 to %d more during the day (%,d in all, seed %d), in one PostgreSQL `events` table \
        (`jsonb` payloads; the shipped DDL, its primary key the index of every read), read through \
        `JdbcEventSource` (fetch size %d); snapshots in `PostgresSnapshotStore` (Jackson JSON), one schema per \
        scenario; loads through `AggregateRepository`. Six event types (admission, vitals, medication, lab result, \
        clinical note, ward transfer). Data: %s.

        A closed loop of %d loaders (each starts its next load of a uniformly chosen patient as soon as the last \
        returns; one pool connection per loader) for %d s per scenario, after a %d s warm-up of (a) and (c). \
        Latency is one `load` call, snapshot write included where the scenario writes one on the request path. \
        Scenarios, in the order run: (a) no snapshots, every load a full replay; (b) `SnapshotPolicy.everyEvents(200)` \
        with the snapshot written synchronously on the loader's thread (`executor(Runnable::run)`), starting from \
        no snapshot at all, so each patient's first load in the window replays everything and writes one; no event arrives in the \
        window, so later loads read that snapshot and no tail (which is why (b) beats (c)); \
        (c) no request-path snapshots, one `BackgroundSnapshotter.runOnce()` (threshold 200) before the day's \
        events, so a load reads the snapshot and that day's tail; (d) the same tails read and applied alone, \
        without the snapshot read: the floor a snapshot path is compared with.

        Machine: %d cores visible to the JVM (shared with other work), Java %s, heap %d MB max; server: %s.""",
        options.aggregates(), options.events(), options.day(), dayEvents, SEED, JdbcEventSource.DEFAULT_FETCH_SIZE,
        dataFacts, options.loaders(), options.seconds(), options.warmup(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024), server.description());
  }

  private String footer(double totalSeconds) {
    StringBuilder footer = new StringBuilder();
    footer.append(String.format(Locale.ROOT, "Run time %.0f s in all: %s.%n%n", totalSeconds,
        String.join("; ", timings)));
    footer.append(String.format(Locale.ROOT, "Arguments: aggregates=%d events=%d day=%d loaders=%d seconds=%d "
        + "warmup=%d. How to run it: `snapshot-benchmarks/README.md`, section \"The production story\".%n",
        options.aggregates(), options.events(), options.day(), options.loaders(), options.seconds(),
        options.warmup()));
    return footer.toString();
  }

  private static void execute(DataSource pool, String sql) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
