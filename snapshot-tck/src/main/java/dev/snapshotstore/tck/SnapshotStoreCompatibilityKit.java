package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;

/**
 * The compatibility kit: every {@link SnapshotStore}, ours or a third party's, extends this class, returns a
 * fresh store from {@link #createStore}, and passes every test unchanged.
 *
 * <pre>{@code
 * class MyStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {
 *   protected SnapshotStore createStore(KitStoreConfig config) {
 *     return MyStore.create(client, config.applyTo(MyStoreOptions.builder()).build());
 *   }
 *
 *   protected KitCapabilities capabilities() {   // optional
 *     return KitCapabilities.builder("MyBackend").networkFaults(proxy).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test's display name starts with the rule it checks; the rules are in {@code spec.md}, shipped in
 * this jar beside this class. Every test writes under its own unique aggregate types, so a shared server
 * needs no cleanup between tests. Payloads and shuffled orders come from {@link KitRandom}: the same in every
 * run unless {@code -Dsnapshot.test.seed} says otherwise, and a failure names the seed that replays it.
 *
 * <p>The inputs are chosen to break what real adapters get wrong: names that collide under case folding,
 * trailing-space padding, Unicode normalisation, joined keys and {@code LIKE} patterns; versions that doubles
 * and text ordering mishandle; instants that 32-bit clocks, the Julian calendar and local time zones shift;
 * metadata that separators, trimming and column widths damage; payloads at storage boundaries; and every rule
 * on every operation, not only on the one it was first written for.
 */
@ExtendWith(KitRandom.SeedReporter.class)
public abstract class SnapshotStoreCompatibilityKit {

  /** The retention every test assumes unless it opens its own store. */
  public static final Retention KIT_RETENTION = Retention.keepLast(5);

  private static final int KIB = 1024;
  private static final int MIB = 1024 * 1024;
  private static final long TWO_TO_53 = 1L << 53;

  /** The store under test, opened with {@link #kitConfig()}. */
  protected SnapshotStore store;

  private final List<SnapshotStore> opened = new ArrayList<>();
  private Random random;
  private String type;

  /**
   * Opens a new store of the implementation under test with the given settings (retention, payload and
   * metadata limits; {@link KitStoreConfig#applyTo} sets them on a {@code CommonOptions.Builder}). Every kit
   * of this package calls this same method.
   */
  protected abstract SnapshotStore createStore(KitStoreConfig config);

  /** What the store documents; override to declare limits and optional features. */
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder().build();
  }

  @BeforeEach
  void openStore(TestInfo test) {
    // seeded by the test's name, not its position, so every backend and every run sees the same data
    random = KitRandom.random(test);
    type = uniqueType("kit");
    store = open(kitConfig());
  }

  @AfterEach
  void closeStores() {
    capabilities().outage().ifPresent(Outage::restore);
    for (SnapshotStore each : opened) {
      try {
        each.close();
      } catch (RuntimeException ignored) {
        // a store that fails to close must not hide the test's own result
      }
    }
    opened.clear();
  }

  /** The configuration of {@link #store}: {@link #KIT_RETENTION}, the documented payload maximum, 64 KiB metadata. */
  protected final KitStoreConfig kitConfig() {
    return KitStoreConfig.of(KIT_RETENTION, capabilities().maxPayloadBytes());
  }

  /** Opens one more store of the implementation under test; the kit closes it after the test. */
  protected final SnapshotStore open(KitStoreConfig config) {
    SnapshotStore created = createStore(config);
    opened.add(created);
    return created;
  }

  /** {@link #open(KitStoreConfig)} with another retention and the kit's other settings. */
  protected final SnapshotStore open(Retention retention) {
    return open(kitConfig().withRetention(retention));
  }

  /** The longest type and id: the declared capability, else what the store's limits say. */
  protected final int maxKeyLength() {
    return capabilities().maxKeyLength().orElseGet(() -> store.limits().maxKeyLength());
  }

  /** The name failures must mention: the declared capability, else the store's own {@code backend()}. */
  protected final String backendName() {
    return capabilities().backendName().orElseGet(() -> store.backend());
  }

  /** A type name no other test (or run) uses; random, but only to keep tests apart, never to decide a result. */
  protected static String uniqueType(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** This test's own aggregate type. */
  protected final String type() {
    return type;
  }

  protected final byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  protected final Snapshot snapshot(String aggregateId, long version) {
    return snapshot(type, aggregateId, version, randomBytes(32));
  }

  protected static Snapshot snapshot(String aggregateType, String aggregateId, long version, byte[] payload) {
    return Snapshot.builder(aggregateType, aggregateId, version, payload)
        .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z").plusMillis(version % 1_000_000_000L))
        .build();
  }

  /** Asserts every field, createdAt to the millisecond (the contract's minimum precision). */
  protected static void assertSameSnapshot(Snapshot actual, Snapshot expected) {
    assertThat(actual.aggregateType()).as("aggregateType").isEqualTo(expected.aggregateType());
    assertThat(actual.aggregateId()).as("aggregateId").isEqualTo(expected.aggregateId());
    assertThat(actual.version()).as("version").isEqualTo(expected.version());
    assertThat(actual.payload()).as("payload of %s", expected.describe()).isEqualTo(expected.payload());
    assertThat(actual.createdAt().truncatedTo(ChronoUnit.MILLIS)).as("createdAt of %s", expected.describe())
        .isEqualTo(expected.createdAt().truncatedTo(ChronoUnit.MILLIS));
    assertThat(actual.metadata()).as("metadata of %s", expected.describe()).isEqualTo(expected.metadata());
    assertThat(actual.header()).as("header of %s", expected.describe()).isEqualTo(expected.header());
  }

  /** Whether the two are the same snapshot as {@link #assertSameSnapshot} compares them. */
  private static boolean sameSnapshot(Snapshot actual, Snapshot expected) {
    return actual.aggregateType().equals(expected.aggregateType())
        && actual.aggregateId().equals(expected.aggregateId())
        && actual.version() == expected.version()
        && actual.payloadEquals(expected.payload())
        && actual.createdAt().truncatedTo(ChronoUnit.MILLIS).equals(expected.createdAt().truncatedTo(ChronoUnit.MILLIS))
        && actual.metadata().equals(expected.metadata())
        && actual.header().equals(expected.header());
  }

  /** Asserts the snapshot reads back the same through every read: latest (if highest), at-or-before, history. */
  private static void assertReadsBack(SnapshotStore target, Snapshot saved) {
    String t = saved.aggregateType();
    String id = saved.aggregateId();
    assertSameSnapshot(target.loadAtOrBefore(t, id, saved.version()).orElseThrow(
        () -> new AssertionError("loadAtOrBefore found nothing for " + saved.describe())), saved);
    assertThat(target.history(t, id)).as("history of %s/%s", t, id)
        .anySatisfy(s -> assertSameSnapshot(s, saved));
  }

  private static List<Long> versions(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::version).toList();
  }

  private List<Long> historyVersions(String aggregateId) {
    return versions(store.history(type, aggregateId));
  }

  /**
   * Follows the cursors from the first page to the last, asserting on the way what R16 promises of each page
   * (at most {@code limit} items, a cursor if and only if items follow), and returns every item in order.
   */
  private static List<String> listAll(Function<PageRequest, Page<String>> list, int limit, int maxPages) {
    List<String> all = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    for (int pages = 1; ; pages++) {
      Page<String> page = list.apply(request);
      assertThat(page.items()).as("page %s (limit %s) after %s", pages, limit, all).hasSizeLessThanOrEqualTo(limit);
      all.addAll(page.items());
      if (page.nextCursor() == null) {
        return all;
      }
      assertThat(page.items()).as("a page with a next cursor (page %s, limit %s) is not empty", pages, limit)
          .isNotEmpty();
      assertThat(pages).as("pages followed (limit %s, items so far %s)", limit, all.size()).isLessThan(maxPages);
      request = PageRequest.after(page.nextCursor(), limit);
    }
  }

  private List<String> listStreams(SnapshotStore target, String aggregateType, int limit) {
    List<String> ids = listAll(page -> target.listStreams(aggregateType, page), limit, 100_000);
    return ids;
  }

  /** Runs {@code body} with the JVM's default time zone set to {@code zone}, then puts the old one back. */
  private static void inZone(String zone, Runnable body) {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      body.run();
    } finally {
      TimeZone.setDefault(before);
    }
  }

  private Outage outage(String rule) {
    Optional<Outage> outage = capabilities().outage();
    assumeTrue(outage.isPresent(), "capability " + KitCapabilities.OUTAGE + " not provided: " + rule + " skipped");
    return outage.get();
  }

  // ---------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("R1 round trip")
  class RoundTrip {

    @Test
    @DisplayName("R1.1 every field comes back as saved through loadLatest, loadAtOrBefore, history and history(limit)")
    void everyFieldRoundTrips() {
      Snapshot saved = Snapshot.builder(type, "order-1", 42, randomBytes(300))
          .createdAt(Instant.parse("2026-03-04T05:06:07.891234Z"))
          .metadata(Map.of("correlation", "abc-123", "user", "Zoë", "empty", ""))
          .header(new SnapshotHeader("jackson-json", "zstd:dict=orders", 7))
          .build();
      store.save(saved);

      assertSameSnapshot(store.loadLatest(type, "order-1").orElseThrow(), saved);
      assertSameSnapshot(store.loadAtOrBefore(type, "order-1", 42).orElseThrow(), saved);
      assertThat(store.history(type, "order-1")).singleElement()
          .satisfies(loaded -> assertSameSnapshot(loaded, saved));
      assertThat(store.history(type, "order-1", 1)).singleElement()
          .satisfies(loaded -> assertSameSnapshot(loaded, saved));
    }

    @Test
    @DisplayName("R1.2 createdAt keeps at least millisecond precision")
    void createdAtPrecision() {
      Instant createdAt = Instant.parse("2026-07-08T09:10:11.987Z");
      Snapshot saved = Snapshot.builder(type, "a", 1, new byte[] {1}).createdAt(createdAt).build();
      store.save(saved);
      assertThat(store.loadLatest(type, "a").orElseThrow().createdAt().truncatedTo(ChronoUnit.MILLIS))
          .isEqualTo(createdAt);
    }

    @Test
    @DisplayName("R1.3 many metadata entries with non-ASCII keys and values round trip")
    void richMetadata() {
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        metadata.put("key-" + i + "-ключ", "value \"" + i + "\" 値 \\ ' %_");
      }
      Snapshot saved = Snapshot.builder(type, "a", 3, randomBytes(10)).metadata(metadata).build();
      store.save(saved);
      assertThat(store.loadLatest(type, "a").orElseThrow().metadata()).isEqualTo(metadata);
    }

    @Test
    @DisplayName("R1.4 a stream that was never written loads as empty, with an empty history")
    void absentStream() {
      assertThat(store.loadLatest(type, "missing")).isEmpty();
      assertThat(store.loadAtOrBefore(type, "missing", 10)).isEmpty();
      assertThat(store.loadAtOrBefore(type, "missing", Long.MAX_VALUE)).isEmpty();
      assertThat(store.history(type, "missing")).isEmpty();
      assertThat(store.history(type, "missing", 10)).isEmpty();
    }

    @Test
    @DisplayName("R1.5 createdAt round trips at both ends of its range and where 32-bit clocks, the Julian calendar and the epoch meet")
    void createdAtEdges() {
      List<Instant> instants = List.of(
          Snapshot.MIN_CREATED_AT,
          Instant.parse("0001-01-01T00:00:00.001Z"),
          Instant.parse("1000-06-15T12:00:00Z"),
          Instant.parse("1582-10-04T23:59:59.999Z"),   // the last day of the Julian calendar
          Instant.parse("1582-10-15T00:00:00Z"),       // the first day of the Gregorian one
          Instant.parse("1900-01-01T00:00:00Z"),
          Instant.parse("1901-12-13T20:45:51Z"),       // below a signed 32-bit epoch second
          Instant.parse("1969-12-31T23:59:59.999Z"),
          Instant.EPOCH,
          Instant.parse("2000-02-29T12:34:56.789Z"),
          Instant.parse("2038-01-19T03:14:08Z"),       // above a signed 32-bit epoch second
          Instant.parse("2106-02-07T06:28:16Z"),       // above an unsigned 32-bit epoch second
          Instant.parse("2262-04-11T23:47:16.855Z"),   // above a signed 64-bit epoch nanosecond
          Instant.parse("9999-12-31T23:59:59.999Z"),
          Snapshot.MAX_CREATED_AT);
      List<Snapshot> saved = new ArrayList<>();
      for (int i = 0; i < instants.size(); i++) {
        Snapshot snapshot = Snapshot.builder(type, "at-" + i, 1, new byte[] {(byte) i}).createdAt(instants.get(i))
            .build();
        store.save(snapshot);
        saved.add(snapshot);
      }
      for (Snapshot each : saved) {
        assertThat(store.loadLatest(type, each.aggregateId()).orElseThrow().createdAt().truncatedTo(ChronoUnit.MILLIS))
            .as("createdAt saved as %s", each.createdAt())
            .isEqualTo(each.createdAt().truncatedTo(ChronoUnit.MILLIS));
      }
    }

    @Test
    @DisplayName("R1.6 createdAt is the same instant whatever the JVM's time zone when saving and when loading")
    void createdAtAcrossZones() {
      // the second 01:30 of New York's autumn change (EST), which a round trip through local time makes EDT
      Snapshot overlap = Snapshot.builder(type, "overlap", 1, new byte[] {1})
          .createdAt(Instant.parse("2026-11-01T06:30:00.250Z")).build();
      // an instant whose local time in St. John's falls in the spring gap of its zone's offset change
      Snapshot gap = Snapshot.builder(type, "gap", 1, new byte[] {2})
          .createdAt(Instant.parse("2026-03-08T05:45:00.500Z")).build();
      Snapshot farEast = Snapshot.builder(type, "far-east", 1, new byte[] {3})
          .createdAt(Instant.parse("2026-06-30T23:59:59.999Z")).build();
      inZone("America/New_York", () -> store.save(overlap));
      inZone("America/St_Johns", () -> store.save(gap));
      inZone("Pacific/Kiritimati", () -> store.save(farEast));
      for (String zone : List.of("America/New_York", "Pacific/Pago_Pago", "UTC")) {
        inZone(zone, () -> {
          for (Snapshot each : List.of(overlap, gap, farEast)) {
            assertThat(store.loadLatest(type, each.aggregateId()).orElseThrow().createdAt()
                .truncatedTo(ChronoUnit.MILLIS))
                .as("createdAt of %s read with the JVM in %s", each.aggregateId(), zone)
                .isEqualTo(each.createdAt().truncatedTo(ChronoUnit.MILLIS));
          }
        });
      }
    }

    @Test
    @DisplayName("R1.7 metadata keeps line breaks, tabs, quotes, backslashes, separators, outer spaces, letter case, supplementary characters, an empty key and empty values")
    void metadataText() {
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("", "the empty key");
      metadata.put("empty", "");
      metadata.put("user", "lower");
      metadata.put("User", "capital");
      metadata.put("USER", "upper");
      metadata.put("lines", "one\ntwo\r\nthree\r");
      metadata.put("tab\tkey", "\tx\t");
      metadata.put("quotes", "\"double\" 'single' `back`");
      metadata.put("back\\slash", "C:\\path\\n\\u0041");
      metadata.put("a=b&c=d", "k=v;k2=v2,k3:v3|x");
      metadata.put("spaces", "  padded  ");
      metadata.put(" ", " ");
      metadata.put("json", "{\"a\":[1,2,{\"b\":null}]}");
      metadata.put("emoji-🧾", "🧾 receipt, 𝄞 clef, 😀");
      metadata.put("null", "null");
      metadata.put("%_*?", "[a-z]* LIKE '%_'");
      metadata.put("ключ", "値 Ω é e\u0301");
      Snapshot saved = Snapshot.builder(type, "a", 1, randomBytes(8)).metadata(metadata).build();
      store.save(saved);
      assertThat(store.loadLatest(type, "a").orElseThrow().metadata()).isEqualTo(saved.metadata());
      assertThat(store.history(type, "a")).singleElement()
          .satisfies(s -> assertThat(s.metadata()).isEqualTo(saved.metadata()));
    }

    @Test
    @DisplayName("R1.8 a 64 KiB metadata value and 1,000 entries round trip (store opened with maxMetadataBytes = 256 KiB)")
    void largeMetadata() {
      SnapshotStore roomy = open(kitConfig().withMaxMetadataBytes(256 * KIB));
      StringBuilder big = new StringBuilder();
      while (big.length() < 64 * KIB) {
        big.append("line ").append(big.length()).append(" ✓\n");
      }
      String value = big.substring(0, 64 * KIB);
      Snapshot oneLarge = Snapshot.builder(type, "large-value", 1, randomBytes(4))
          .metadata(Map.of("big", value, "small", "s")).build();
      Map<String, String> many = new LinkedHashMap<>();
      for (int i = 0; i < 1_000; i++) {
        many.put(String.format("entry-%04d", i), "value-" + i);
      }
      Snapshot manyEntries = Snapshot.builder(type, "many-entries", 1, randomBytes(4)).metadata(many).build();
      roomy.save(oneLarge);
      roomy.save(manyEntries);
      assertThat(roomy.loadLatest(type, "large-value").orElseThrow().metadata().get("big"))
          .as("the 64 KiB value").isEqualTo(value);
      assertThat(roomy.loadLatest(type, "large-value").orElseThrow().metadata()).isEqualTo(oneLarge.metadata());
      assertThat(roomy.loadLatest(type, "many-entries").orElseThrow().metadata()).isEqualTo(manyEntries.metadata());
    }

    @Test
    @DisplayName("R1.9 metadata over maxMetadataBytes, counted in UTF-8 bytes of keys and values, is rejected before any write; exactly at it is stored")
    void metadataLimit() {
      SnapshotStore limited = open(kitConfig().withMaxMetadataBytes(1_000));
      Snapshot atLimit = Snapshot.builder(type, "a", 1, randomBytes(4))
          .metadata(Map.of("k", "v".repeat(999))).build();
      limited.save(atLimit);
      // 501 characters, but 1,001 bytes of UTF-8: the limit counts bytes
      Snapshot overInBytes = Snapshot.builder(type, "a", 2, randomBytes(4))
          .metadata(Map.of("k", "é".repeat(500))).build();
      Snapshot overByOne = Snapshot.builder(type, "b", 1, randomBytes(4))
          .metadata(Map.of("k", "v".repeat(1_000))).build();
      assertThatThrownBy(() -> limited.save(overInBytes)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("metadata");
      assertThatThrownBy(() -> limited.save(overByOne)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("metadata");
      assertThatThrownBy(() -> limited.saveAll(List.of(snapshot(type, "c", 1, new byte[1]), overByOne)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
      assertThat(versions(limited.history(type, "a"))).containsExactly(1L);
      assertSameSnapshot(limited.loadLatest(type, "a").orElseThrow(), atLimit);
      assertThat(limited.history(type, "b")).isEmpty();
      assertThat(limited.history(type, "c")).isEmpty();
    }

    @Test
    @DisplayName("R1.10 text with U+0000 or an unpaired surrogate cannot become a snapshot (IllegalArgumentException from Snapshot itself)")
    void textDomain() {
      for (String bad : List.of("a\u0000b", "\ud800", "x\udc00", "\udc00\ud800")) {
        assertThatThrownBy(() -> Snapshot.builder(bad, "a", 1, new byte[0]).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateType");
        assertThatThrownBy(() -> Snapshot.builder(type, bad, 1, new byte[0]).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateId");
        assertThatThrownBy(() -> Snapshot.builder(type, "a", 1, new byte[0]).metadata(Map.of("k", bad)).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
        assertThatThrownBy(() -> Snapshot.builder(type, "a", 1, new byte[0]).metadata(Map.of(bad, "v")).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
      }
      assertThatThrownBy(() -> Snapshot.builder(type, "a", 1, new byte[0])
          .createdAt(Snapshot.MIN_CREATED_AT.minusNanos(1000)).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
      assertThatThrownBy(() -> Snapshot.builder(type, "a", 1, new byte[0])
          .createdAt(Snapshot.MAX_CREATED_AT.plusNanos(1000)).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
      assertThat(store.history(type, "a")).isEmpty();
    }
  }

  @Nested
  @DisplayName("R2 latest is the highest version")
  class Latest {

    @Test
    @DisplayName("R2.1 loadLatest returns the highest version when saves arrive out of order")
    void outOfOrder() {
      store.save(snapshot("a", 3));
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(3L);
    }

    @Test
    @DisplayName("R2.2 loadLatest returns the highest of many shuffled versions, in numeric order (9 < 10 < 100)")
    void shuffled() {
      List<Long> versionsToSave = new ArrayList<>(List.of(9L, 10L, 99L, 100L, 1_000L));
      for (long v = 0; v < 30; v++) {
        versionsToSave.add(v * 7);
      }
      Collections.shuffle(versionsToSave, random);
      SnapshotStore unlimited = open(Retention.unlimited());
      for (long v : versionsToSave) {
        unlimited.save(snapshot(type, "a", v, randomBytes(8)));
      }
      assertThat(unlimited.loadLatest(type, "a")).map(Snapshot::version).contains(1_000L);
      assertThat(unlimited.loadAtOrBefore(type, "a", 99)).map(Snapshot::version).contains(99L);
      List<Long> expected = new ArrayList<>(new java.util.TreeSet<>(versionsToSave).descendingSet());
      assertThat(versions(unlimited.history(type, "a"))).isEqualTo(expected);
    }

    @Test
    @DisplayName("R2.3 version 0, the 32-bit edges, 2^53 and Long.MAX_VALUE are ordinary versions")
    void extremeVersions() {
      SnapshotStore unlimited = open(Retention.unlimited());
      List<Long> edges = List.of(0L, 1L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 1L << 32, TWO_TO_53,
          Long.MAX_VALUE - 1, Long.MAX_VALUE);
      Map<Long, Snapshot> saved = new LinkedHashMap<>();
      unlimited.save(snapshot(type, "a", 0, randomBytes(8)));
      assertThat(unlimited.loadLatest(type, "a")).map(Snapshot::version).contains(0L);
      for (long v : edges) {
        Snapshot each = snapshot(type, "a", v, Long.toString(v).getBytes(StandardCharsets.UTF_8));
        unlimited.save(each);
        saved.put(v, each);
      }
      assertThat(unlimited.loadLatest(type, "a")).map(Snapshot::version).contains(Long.MAX_VALUE);
      List<Long> newestFirst = new ArrayList<>(edges);
      Collections.reverse(newestFirst);
      assertThat(versions(unlimited.history(type, "a"))).isEqualTo(newestFirst);
      for (long v : edges) {
        assertSameSnapshot(unlimited.loadAtOrBefore(type, "a", v).orElseThrow(), saved.get(v));
      }
      assertThat(unlimited.loadAtOrBefore(type, "a", Long.MAX_VALUE - 2)).map(Snapshot::version).contains(TWO_TO_53);
    }

    @Test
    @DisplayName("R2.4 versions 2^53 - 1, 2^53 and 2^53 + 1 are three versions (a double cannot tell the last two apart)")
    void aroundTwoToFiftyThree() {
      List<Long> neighbours = List.of(TWO_TO_53 + 1, TWO_TO_53 - 1, TWO_TO_53);
      Map<Long, Snapshot> saved = new HashMap<>();
      for (long v : neighbours) {
        Snapshot each = snapshot(type, "a", v, Long.toString(v).getBytes(StandardCharsets.UTF_8));
        store.save(each);
        saved.put(v, each);
      }
      assertThat(historyVersions("a")).containsExactly(TWO_TO_53 + 1, TWO_TO_53, TWO_TO_53 - 1);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), saved.get(TWO_TO_53 + 1));
      for (long v : neighbours) {
        assertSameSnapshot(store.loadAtOrBefore(type, "a", v).orElseThrow(), saved.get(v));
      }
      store.delete(type, "a", TWO_TO_53);
      assertThat(historyVersions("a")).containsExactly(TWO_TO_53 + 1, TWO_TO_53 - 1);
    }
  }

  @Nested
  @DisplayName("R3 loadAtOrBefore")
  class AtOrBefore {

    @BeforeEach
    void saveTenTwentyThirty() {
      store.save(snapshot("a", 10));
      store.save(snapshot("a", 30));
      store.save(snapshot("a", 20));
    }

    @Test
    @DisplayName("R3.1 an exact version returns that version")
    void exact() {
      assertThat(store.loadAtOrBefore(type, "a", 20)).map(Snapshot::version).contains(20L);
      assertThat(store.loadAtOrBefore(type, "a", 10)).map(Snapshot::version).contains(10L);
      assertThat(store.loadAtOrBefore(type, "a", 30)).map(Snapshot::version).contains(30L);
    }

    @Test
    @DisplayName("R3.2 a version between snapshots returns the highest one below it, never a higher one")
    void between() {
      assertThat(store.loadAtOrBefore(type, "a", 29)).map(Snapshot::version).contains(20L);
      assertThat(store.loadAtOrBefore(type, "a", 11)).map(Snapshot::version).contains(10L);
    }

    @Test
    @DisplayName("R3.3 a version below the lowest returns empty")
    void belowLowest() {
      assertThat(store.loadAtOrBefore(type, "a", 9)).isEmpty();
      assertThat(store.loadAtOrBefore(type, "a", 0)).isEmpty();
    }

    @Test
    @DisplayName("R3.4 a version above the highest returns the highest")
    void aboveHighest() {
      assertThat(store.loadAtOrBefore(type, "a", 31)).map(Snapshot::version).contains(30L);
      assertThat(store.loadAtOrBefore(type, "a", Long.MAX_VALUE)).map(Snapshot::version).contains(30L);
    }
  }

  @Nested
  @DisplayName("R4 saving an existing version replaces it")
  class Replace {

    @Test
    @DisplayName("R4.1 the second save of a version wins and history holds it once")
    void replaces() {
      Snapshot first = snapshot(type, "a", 5, "first".getBytes(StandardCharsets.UTF_8));
      Snapshot second = Snapshot.builder(type, "a", 5, "second".getBytes(StandardCharsets.UTF_8))
          .metadata(Map.of("attempt", "2"))
          .build();
      store.save(first);
      store.save(second);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), second);
      assertThat(store.history(type, "a")).singleElement().satisfies(s -> assertSameSnapshot(s, second));
    }

    @Test
    @DisplayName("R4.2 replacing an older version keeps the newer ones and their order")
    void replaceOlder() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("a", 3));
      Snapshot replacement = snapshot("a", 2);
      store.save(replacement);
      assertThat(historyVersions("a")).containsExactly(3L, 2L, 1L);
      assertSameSnapshot(store.loadAtOrBefore(type, "a", 2).orElseThrow(), replacement);
    }

    @Test
    @DisplayName("R4.3 a replace replaces every field: a shorter payload, another header, an earlier createdAt, other metadata keys")
    void replacesEveryField() {
      Snapshot first = Snapshot.builder(type, "a", 5, randomBytes(1_000))
          .createdAt(Instant.parse("2026-05-05T05:05:05.555Z"))
          .metadata(Map.of("a", "1", "b", "2"))
          .header(new SnapshotHeader("jackson-json", "zstd:dict=orders", 3))
          .build();
      Snapshot second = Snapshot.builder(type, "a", 5, randomBytes(10))
          .createdAt(Instant.parse("1999-12-31T23:59:59.999Z"))
          .metadata(Map.of("c", "3"))
          .header(SnapshotHeader.RAW)
          .build();
      Snapshot third = Snapshot.builder(type, "a", 5, new byte[0])
          .createdAt(Instant.parse("2030-01-01T00:00:00Z"))
          .header(new SnapshotHeader("proto", "identity", 1))
          .build();
      store.save(first);
      store.save(second);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), second);
      assertSameSnapshot(store.loadAtOrBefore(type, "a", 5).orElseThrow(), second);
      store.save(third);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), third);
      assertThat(store.history(type, "a")).singleElement().satisfies(s -> assertSameSnapshot(s, third));
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 1, 0));
    }

    @Test
    @DisplayName("R4.4 a replace of one stream changes no other stream, not even the same id and version under another type")
    void replaceIsolated() {
      String other = uniqueType("other");
      Snapshot mine = snapshot(type, "a", 5, randomBytes(16));
      Snapshot theirs = snapshot(other, "a", 5, randomBytes(16));
      Snapshot sibling = snapshot(type, "b", 5, randomBytes(16));
      store.save(mine);
      store.save(theirs);
      store.save(sibling);
      Snapshot replacement = Snapshot.builder(type, "a", 5, randomBytes(20)).metadata(Map.of("r", "1")).build();
      store.save(replacement);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), replacement);
      assertSameSnapshot(store.loadLatest(other, "a").orElseThrow(), theirs);
      assertSameSnapshot(store.loadLatest(type, "b").orElseThrow(), sibling);
    }
  }

  @Nested
  @DisplayName("R5 history order and retention")
  class HistoryAndRetention {

    @Test
    @DisplayName("R5.1 history is newest version first")
    void newestFirst() {
      store.save(snapshot("a", 2));
      store.save(snapshot("a", 4));
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 3));
      assertThat(historyVersions("a")).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    @DisplayName("R5.2 retention keeps exactly the N highest versions, in history, loads and stats")
    void keepsHighest() {
      for (long v = 1; v <= 8; v++) {
        store.save(snapshot(type, "a", v, new byte[(int) v]));
      }
      assertThat(historyVersions("a")).containsExactly(8L, 7L, 6L, 5L, 4L);
      assertThat(store.loadAtOrBefore(type, "a", 3)).isEmpty();
      assertThat(store.stats(type)).as("stats after retention").isEqualTo(new SnapshotStats(1, 5, 4 + 5 + 6 + 7 + 8));
    }

    @Test
    @DisplayName("R5.3 a save below the retained window does not displace newer snapshots")
    void belowWindow() {
      for (long v = 10; v <= 14; v++) {
        store.save(snapshot("a", v));
      }
      store.save(snapshot("a", 2));
      assertThat(historyVersions("a")).containsExactly(14L, 13L, 12L, 11L, 10L);
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(14L);
      assertThat(store.loadAtOrBefore(type, "a", 9)).isEmpty();
    }

    @Test
    @DisplayName("R5.4 retention applies per stream: per id, and per type for the same id")
    void perStream() {
      String other = uniqueType("other");
      for (long v = 1; v <= 7; v++) {
        store.save(snapshot("a", v));
      }
      store.save(snapshot("b", 1));
      store.save(snapshot(other, "a", 1, randomBytes(4)));
      for (long v = 8; v <= 12; v++) {
        store.save(snapshot("a", v));
      }
      assertThat(historyVersions("a")).containsExactly(12L, 11L, 10L, 9L, 8L);
      assertThat(historyVersions("b")).containsExactly(1L);
      assertThat(versions(store.history(other, "a"))).containsExactly(1L);
    }

    @Test
    @DisplayName("R5.5 unlimited retention keeps every version")
    void unlimited() {
      SnapshotStore unlimited = open(Retention.unlimited());
      for (long v = 1; v <= 25; v++) {
        unlimited.save(snapshot("a", v));
      }
      assertThat(versions(unlimited.history(type, "a"))).hasSize(25).first().isEqualTo(25L);
      assertThat(unlimited.loadAtOrBefore(type, "a", 1)).map(Snapshot::version).contains(1L);
    }

    @Test
    @DisplayName("R5.6 retention of one keeps only the latest")
    void keepOne() {
      SnapshotStore single = open(Retention.keepLast(1));
      single.save(snapshot("a", 5));
      single.save(snapshot("a", 3));
      single.save(snapshot("a", 9));
      assertThat(versions(single.history(type, "a"))).containsExactly(9L);
    }

    @Test
    @DisplayName("R5.7 history(limit) lists the limit newest versions, newest first, and at most what is retained")
    void historyLimit() {
      SnapshotStore unlimited = open(Retention.unlimited());
      List<Long> order = new ArrayList<>();
      for (long v = 1; v <= 25; v++) {
        order.add(v * 10);
      }
      Collections.shuffle(order, random);
      for (long v : order) {
        unlimited.save(snapshot(type, "a", v, randomBytes(4)));
      }
      assertThat(versions(unlimited.history(type, "a", 1))).containsExactly(250L);
      assertThat(versions(unlimited.history(type, "a", 3))).containsExactly(250L, 240L, 230L);
      assertThat(versions(unlimited.history(type, "a", 24))).hasSize(24).first().isEqualTo(250L);
      assertThat(versions(unlimited.history(type, "a", 24))).last().isEqualTo(20L);
      assertThat(versions(unlimited.history(type, "a", 25))).hasSize(25).last().isEqualTo(10L);
      assertThat(versions(unlimited.history(type, "a", 26))).hasSize(25);
      assertThat(versions(unlimited.history(type, "a", PageRequest.MAX_LIMIT))).hasSize(25);
      assertThat(unlimited.history(type, "a", 3)).isEqualTo(unlimited.history(type, "a").subList(0, 3));
      for (long v = 1; v <= 7; v++) {
        store.save(snapshot("b", v));
      }
      assertThat(versions(store.history(type, "b", 2))).containsExactly(7L, 6L);
      assertThat(versions(store.history(type, "b", 10))).containsExactly(7L, 6L, 5L, 4L, 3L);
    }

    @Test
    @DisplayName("R5.8 under unlimited retention a history of 1,200 versions is listed whole, and history(1,100) its newest 1,100")
    void longHistory() {
      SnapshotStore unlimited = open(Retention.unlimited());
      List<Snapshot> batch = new ArrayList<>();
      for (long v = 1; v <= 1_200; v++) {
        batch.add(snapshot(type, "long", v, new byte[] {(byte) v}));
      }
      unlimited.saveAll(batch);
      List<Long> all = versions(unlimited.history(type, "long"));
      assertThat(all).hasSize(1_200).first().isEqualTo(1_200L);
      assertThat(all).isSortedAccordingTo(Collections.reverseOrder());
      assertThat(versions(unlimited.history(type, "long", 1_100))).hasSize(1_100).last().isEqualTo(101L);
      assertThat(unlimited.stats(type)).isEqualTo(new SnapshotStats(1, 1_200, 1_200));
    }
  }

  @Nested
  @DisplayName("R6 deletes")
  class Deletes {

    @Test
    @DisplayName("R6.1 delete removes exactly one version; loadAtOrBefore it then finds the next lower one")
    void deleteOne() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("a", 3));
      store.delete(type, "a", 2);
      assertThat(historyVersions("a")).containsExactly(3L, 1L);
      assertThat(store.loadAtOrBefore(type, "a", 2)).map(Snapshot::version).contains(1L);
      store.delete(type, "a", 3);
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(1L);
    }

    @Test
    @DisplayName("R6.2 deleteStream removes every version of that stream and nothing of another")
    void deleteStream() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("ab", 1));
      store.save(snapshot("a:", 1));
      store.save(snapshot("b", 1));
      store.deleteStream(type, "a");
      assertThat(store.history(type, "a")).isEmpty();
      assertThat(historyVersions("ab")).containsExactly(1L);
      assertThat(historyVersions("a:")).containsExactly(1L);
      assertThat(historyVersions("b")).containsExactly(1L);
    }

    @Test
    @DisplayName("R6.3 deleteAll removes one type and nothing of another type, even one it prefixes")
    void deleteAllType() {
      String longer = type + "Line";
      String other = uniqueType("other");
      store.save(snapshot(type, "x", 1, randomBytes(8)));
      store.save(snapshot(type, "y", 1, randomBytes(8)));
      store.save(snapshot(longer, "x", 1, randomBytes(8)));
      store.save(snapshot(other, "x", 1, randomBytes(8)));
      store.deleteAll(type);
      assertThat(store.loadLatest(type, "x")).isEmpty();
      assertThat(store.loadLatest(type, "y")).isEmpty();
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
      assertThat(store.loadLatest(longer, "x")).isPresent();
      assertThat(store.loadLatest(other, "x")).isPresent();
    }

    @Test
    @DisplayName("R6.4 deleting what is absent is not an error")
    void deleteAbsent() {
      store.save(snapshot("a", 1));
      store.delete(type, "a", 99);
      store.delete(type, "missing", 1);
      store.deleteStream(type, "missing");
      store.deleteAll(uniqueType("never-written"));
      assertThat(historyVersions("a")).containsExactly(1L);
    }

    @Test
    @DisplayName("R6.5 a stream can be written again after it was deleted, the same version included")
    void writeAfterDelete() {
      store.save(snapshot("a", 5));
      store.deleteStream(type, "a");
      store.save(snapshot("a", 2));
      assertThat(historyVersions("a")).containsExactly(2L);
      store.deleteStream(type, "a");
      Snapshot again = snapshot("a", 2);
      store.save(again);
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), again);
    }

    @Test
    @DisplayName("R6.6 deleteAll matches its type exactly: not one differing in case, nor one its `_` or `%` would match as a LIKE pattern")
    void deleteAllExact() {
      List<String> types = List.of(type + "a_c", type + "abc", type + "A_C", type + "a%", type + "axyz", type + "a",
          type + "a_");
      for (String each : types) {
        store.save(snapshot(each, "x", 1, each.getBytes(StandardCharsets.UTF_8)));
      }
      store.deleteAll(type + "a_c");
      store.deleteAll(type + "a%");
      for (String each : types) {
        boolean deleted = each.equals(type + "a_c") || each.equals(type + "a%");
        assertThat(store.loadLatest(each, "x").isPresent()).as("type '%s' still has its snapshot", each)
            .isEqualTo(!deleted);
      }
    }

    @Test
    @DisplayName("R6.7 a deleted version saved again is back, with its new content")
    void deletedVersionSavedAgain() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("a", 3));
      store.delete(type, "a", 2);
      Snapshot again = Snapshot.builder(type, "a", 2, randomBytes(12)).metadata(Map.of("again", "yes")).build();
      store.save(again);
      assertThat(historyVersions("a")).containsExactly(3L, 2L, 1L);
      assertSameSnapshot(store.loadAtOrBefore(type, "a", 2).orElseThrow(), again);
      assertThat(store.stats(type).snapshots()).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("R7 stream isolation")
  class Isolation {

    private static final List<String> HOSTILE = List.of(
        "a:b", "a", "a:b:c", "{a}", "{a:b}", "a}b{", "*", "a*", "?", "a?c", "[a]", "[!a]", "%", "a%", "_", "a_c",
        "'", "\"", "'; DROP TABLE snapshots; --", "\\", "a\\b", "a b", " leading", "trailing ", "тип-Ω", "注文",
        "emoji-🧾", "line\nbreak", "tab\tchar", "ab", "abc", "a/b", "a|b", "a.b", "a#b", "$1", "a\u00a0b",
        "null", "NULL");

    @Test
    @DisplayName("R7.1 hostile ids are stored and found verbatim, each in its own stream")
    void hostileIds() {
      Map<String, byte[]> payloads = new LinkedHashMap<>();
      for (String id : HOSTILE) {
        byte[] payload = id.getBytes(StandardCharsets.UTF_8);
        payloads.put(id, payload);
        store.save(snapshot(type, id, 1, payload));
        store.save(snapshot(type, id, 2, payload));
      }
      for (Map.Entry<String, byte[]> entry : payloads.entrySet()) {
        Snapshot loaded = store.loadLatest(type, entry.getKey()).orElseThrow(
            () -> new AssertionError("no snapshot for id '" + entry.getKey() + "'"));
        assertThat(loaded.aggregateId()).isEqualTo(entry.getKey());
        assertThat(loaded.payload()).as("payload of id '%s'", entry.getKey()).isEqualTo(entry.getValue());
        assertThat(historyVersions(entry.getKey())).as("history of id '%s'", entry.getKey()).containsExactly(2L, 1L);
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(HOSTILE.size(), HOSTILE.size() * 2L,
          payloads.values().stream().mapToLong(p -> p.length * 2L).sum()));
    }

    @Test
    @DisplayName("R7.2 hostile types are isolated from each other and from their prefixes")
    void hostileTypes() {
      List<String> types = HOSTILE.stream().map(name -> type + name).toList();
      for (String each : types) {
        store.save(snapshot(each, "id", 1, each.getBytes(StandardCharsets.UTF_8)));
      }
      store.deleteAll(type + "a*");
      store.deleteAll(type + "%");
      store.deleteAll(type + "[a]");
      for (String each : types) {
        boolean deleted = each.equals(type + "a*") || each.equals(type + "%") || each.equals(type + "[a]");
        assertThat(store.loadLatest(each, "id")).as("type '%s'", each).matches(s -> s.isPresent() != deleted);
        assertThat(store.stats(each)).as("stats of type '%s'", each)
            .isEqualTo(deleted ? SnapshotStats.EMPTY
                : new SnapshotStats(1, 1, each.getBytes(StandardCharsets.UTF_8).length));
      }
    }

    @Test
    @DisplayName("R7.3 no separator between type and id can make two streams collide (':', '/', '|', '.', '#', '-', '_', space, tab, line break, '::')")
    void separatorCollisions() {
      List<String> separators = List.of(":", "/", "|", ".", "#", "-", "_", " ", "\t", "\n", "::", "\\", ",", "=", "@");
      int n = 0;
      for (String separator : separators) {
        n++;
        String left = type + separator + "x" + n;
        store.save(snapshot(left, "y", 1, new byte[] {1}));
        store.save(snapshot(type, "x" + n + separator + "y", 1, new byte[] {2}));
        store.save(snapshot(type + separator + "x" + n + separator + "y", "z", 1, new byte[] {3}));
        assertThat(store.loadLatest(left, "y").orElseThrow().payload()).as("separator '%s'", separator)
            .containsExactly(1);
        assertThat(store.loadLatest(type, "x" + n + separator + "y").orElseThrow().payload())
            .as("separator '%s'", separator).containsExactly(2);
        assertThat(store.history(left, "y")).as("history of (%s, y)", left).hasSize(1);
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(separators.size(), separators.size(),
          separators.size()));
    }

    @Test
    @DisplayName("R7.4 the longest documented type and id, in characters that take several bytes, round trip, and one character more is rejected")
    void longestId() {
      int max = maxKeyLength();
      String longType = (type + "-" + "t".repeat(max)).substring(0, max);
      String longId = "Ω".repeat(max - 1) + "é";
      Snapshot saved = snapshot(longType, longId, 1, randomBytes(16));
      store.save(saved);
      assertSameSnapshot(store.loadLatest(longType, longId).orElseThrow(), saved);
      assertThat(store.loadLatest(longType, longId.substring(1))).isEmpty();
      assertThat(store.loadLatest(longType, longId.substring(0, max - 1))).isEmpty();
      assertThatThrownBy(() -> store.save(snapshot(longType, longId + "x", 1, randomBytes(4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateId");
      assertThatThrownBy(() -> store.save(snapshot(longType + "x", "a", 1, randomBytes(4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateType");
      store.deleteAll(longType);
    }

    @Test
    @DisplayName("R7.5 names differing only in case, outer spaces or Unicode normalisation are different streams")
    void databaseIdentity() {
      List<String> ids = List.of("order-1", "Order-1", "ORDER-1", "order-1 ", "order-1  ", " order-1", "order-1\t",
          "café", "cafe\u0301", "straße", "strasse", "STRASSE", "ﬁle", "file", "ａ", "a", "İ", "i", "ı", "I", "Ω", "\u2126",
          "a\u00a0", "a ");
      for (int i = 0; i < ids.size(); i++) {
        store.save(snapshot(type, ids.get(i), 1, new byte[] {(byte) i}));
      }
      String upperType = type.toUpperCase(java.util.Locale.ROOT);
      store.save(snapshot(upperType, "order-1", 1, new byte[] {(byte) 100}));
      store.save(snapshot(type + " ", "order-1", 1, new byte[] {(byte) 101}));
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        Snapshot loaded = store.loadLatest(type, id).orElseThrow(
            () -> new AssertionError("no snapshot for id '" + id + "'"));
        assertThat(loaded.aggregateId()).as("id of stream '%s'", id).isEqualTo(id);
        assertThat(loaded.payload()).as("payload of id '%s'", id).containsExactly(i);
        assertThat(store.history(type, id)).as("history of '%s'", id).hasSize(1);
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(ids.size(), ids.size(), ids.size()));
      assertThat(store.loadLatest(upperType, "order-1").orElseThrow().payload()).containsExactly(100);
      assertThat(store.loadLatest(type + " ", "order-1").orElseThrow().payload()).containsExactly(101);
      store.deleteStream(type, "Order-1");
      store.deleteStream(type, "order-1 ");
      store.deleteStream(type, "cafe\u0301");
      assertThat(store.loadLatest(type, "order-1")).as("order-1 after deleting Order-1 and 'order-1 '").isPresent();
      assertThat(store.loadLatest(type, "café")).as("café (NFC) after deleting its NFD form").isPresent();
    }

    @Test
    @DisplayName("R7.6 the same id under two types: every operation reads and changes only its own type")
    void sameIdUnderTwoTypes() {
      String mine = type;
      String theirs = type + "-b";
      store.save(snapshot(mine, "shared", 1, new byte[] {1}));
      store.save(snapshot(theirs, "shared", 2, new byte[] {2}));
      store.save(snapshot(mine, "shared", 3, new byte[] {3}));
      store.save(snapshot(theirs, "shared", 4, new byte[] {4}));
      store.save(snapshot(theirs, "only-theirs", 1, new byte[] {5}));

      assertThat(store.loadLatest(mine, "shared")).map(Snapshot::version).contains(3L);
      assertThat(store.loadAtOrBefore(mine, "shared", 2)).map(Snapshot::version).contains(1L);
      assertThat(store.loadAtOrBefore(mine, "shared", Long.MAX_VALUE)).map(Snapshot::version).contains(3L);
      assertThat(versions(store.history(mine, "shared"))).containsExactly(3L, 1L);
      assertThat(versions(store.history(mine, "shared", 1))).containsExactly(3L);
      assertThat(versions(store.history(mine, "shared", 10))).containsExactly(3L, 1L);
      assertThat(store.stats(mine)).isEqualTo(new SnapshotStats(1, 2, 2));
      assertThat(listStreams(store, mine, 10)).containsExactly("shared");

      store.delete(mine, "shared", 4);
      store.delete(mine, "shared", 2);
      assertThat(versions(store.history(theirs, "shared"))).as("their versions after deletes of mine")
          .containsExactly(4L, 2L);
      store.deleteStream(mine, "shared");
      assertThat(versions(store.history(theirs, "shared"))).as("their versions after deleteStream of mine")
          .containsExactly(4L, 2L);
      assertThat(store.loadLatest(theirs, "only-theirs")).isPresent();
      assertThat(store.history(mine, "shared")).isEmpty();
    }
  }

  @Nested
  @DisplayName("R8 stats")
  class Stats {

    @Test
    @DisplayName("R8.1 stats count exactly the streams, retained snapshots and payload bytes of one type")
    void exactCounts() {
      String other = uniqueType("other");
      store.save(snapshot(type, "a", 1, new byte[10]));
      store.save(Snapshot.builder(type, "a", 2, new byte[20]).metadata(Map.of("note", "metadata is not payload"))
          .header(new SnapshotHeader("jackson-json", "zstd", 2)).build());
      store.save(snapshot(type, "b", 1, new byte[0]));
      store.save(snapshot(other, "a", 1, new byte[1000]));
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(2, 3, 30));
      assertThat(store.stats(other)).isEqualTo(new SnapshotStats(1, 1, 1000));
    }

    @Test
    @DisplayName("R8.2 stats follow replacements, retention and deletes")
    void afterChanges() {
      for (long v = 1; v <= 7; v++) {
        store.save(snapshot(type, "a", v, new byte[(int) v]));
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 5, 3 + 4 + 5 + 6 + 7));
      store.save(snapshot(type, "a", 7, new byte[100]));
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 5, 3 + 4 + 5 + 6 + 100));
      store.delete(type, "a", 3);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 4, 4 + 5 + 6 + 100));
      store.deleteStream(type, "a");
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
    }

    @Test
    @DisplayName("R8.3 a type that was never written has empty stats")
    void emptyType() {
      assertThat(store.stats(uniqueType("never"))).isEqualTo(SnapshotStats.EMPTY);
    }

    @Test
    @DisplayName("R8.4 stats count their type exactly: not a type it prefixes, one differing in case, or one its `_` matches as a LIKE pattern")
    void exactType() {
      List<String> types = List.of(type, type + "x", type.toUpperCase(java.util.Locale.ROOT), type + "_", type + "a",
          type + ":", type + "%");
      for (int i = 0; i < types.size(); i++) {
        for (int s = 0; s <= i; s++) {
          store.save(snapshot(types.get(i), "s" + s, 1, new byte[i + 1]));
        }
      }
      for (int i = 0; i < types.size(); i++) {
        assertThat(store.stats(types.get(i))).as("stats of '%s'", types.get(i))
            .isEqualTo(new SnapshotStats(i + 1, i + 1, (long) (i + 1) * (i + 1)));
      }
    }

    @Test
    @DisplayName("R8.5 a stream whose last version is deleted is no longer counted")
    void lastVersionDeleted() {
      store.save(snapshot(type, "a", 1, new byte[5]));
      store.save(snapshot(type, "b", 1, new byte[7]));
      store.delete(type, "a", 1);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 1, 7));
    }
  }

  @Nested
  @DisplayName("R9 payload sizes")
  class PayloadSizes {

    private void roundTrip(int size) {
      Snapshot saved = snapshot(type, "size-" + size, 1, randomBytes(size));
      store.save(saved);
      assertSameSnapshot(store.loadLatest(type, "size-" + size).orElseThrow(), saved);
      assertThat(store.stats(type).payloadBytes()).isEqualTo(size);
      store.deleteAll(type);
    }

    @Test
    @DisplayName("R9.1 an empty payload round trips")
    void emptyPayload() {
      roundTrip(0);
      Snapshot empty = snapshot(type, "empty", 3, new byte[0]);
      store.save(empty);
      assertThat(store.loadAtOrBefore(type, "empty", 3)).as("the empty payload is a snapshot, not an absence")
          .hasValueSatisfying(s -> assertSameSnapshot(s, empty));
      assertThat(store.history(type, "empty")).hasSize(1);
    }

    @Test
    @DisplayName("R9.2 every byte value, 1 KiB and 1 MiB payloads round trip byte for byte")
    void smallAndMedium() {
      byte[] everyByte = new byte[256];
      for (int i = 0; i < 256; i++) {
        everyByte[i] = (byte) i;
      }
      Snapshot saved = snapshot(type, "bytes", 1, everyByte);
      store.save(saved);
      assertThat(store.loadLatest(type, "bytes").orElseThrow().payload()).isEqualTo(everyByte);
      store.deleteAll(type);
      roundTrip(KIB);
      roundTrip(MIB);
    }

    @Test
    @DisplayName("R9.3 a 16 MiB payload round trips (capability maxPayloadBytes >= 16 MiB)")
    void large() {
      int max = capabilities().maxPayloadBytes();
      assumeTrue(max >= 16 * MIB,
          "capability maxPayloadBytes is " + max + " bytes, below the 16 MiB tier: R9.3 skipped");
      roundTrip(16 * MIB);
    }

    @Test
    @DisplayName("R9.4 a payload of exactly the configured maximum is saved; one byte more fails and writes nothing")
    void aboveMaximum() {
      SnapshotStore limited = open(kitConfig().withMaxPayloadBytes(4 * KIB));
      Snapshot atLimit = snapshot(type, "a", 1, randomBytes(4 * KIB));
      limited.save(atLimit);
      assertThatThrownBy(() -> limited.save(snapshot(type, "a", 2, randomBytes(4 * KIB + 1))))
          .isInstanceOf(PayloadTooLargeException.class)
          .hasMessageContaining("maxPayloadBytes");
      assertThatThrownBy(() -> limited.save(snapshot(type, "a", 1, randomBytes(4 * KIB + 1))))
          .isInstanceOf(PayloadTooLargeException.class);
      assertThat(versions(limited.history(type, "a"))).containsExactly(1L);
      assertSameSnapshot(limited.loadLatest(type, "a").orElseThrow(), atLimit);
    }

    @Test
    @DisplayName("R9.5 payloads at storage boundaries round trip exactly, trailing zero bytes and bytes that are not UTF-8 included")
    void boundaries() {
      int[] sizes = {1, 2, 255, 256, 2_031, 2_032, 2_033, 4_095, 4_096, 8_000, 8_001, 65_535, 65_536, 65_537,
          MIB + 1};
      List<Snapshot> saved = new ArrayList<>();
      long total = 0;
      for (int size : sizes) {
        if (size > capabilities().maxPayloadBytes()) {
          continue;
        }
        byte[] payload = randomBytes(size);
        payload[size - 1] = 0;
        if (size > 2) {
          payload[size - 2] = 0;
          payload[0] = (byte) 0xC3; // a UTF-8 lead byte ...
          payload[1] = (byte) 0x28; // ... followed by what cannot continue it
        }
        Snapshot each = snapshot(type, "size-" + size, 1, payload);
        store.save(each);
        saved.add(each);
        total += size;
      }
      byte[] zeros = new byte[1_000];
      Snapshot allZero = snapshot(type, "zeros", 1, zeros);
      byte[] ones = new byte[1_000];
      Arrays.fill(ones, (byte) 0xFF);
      Snapshot allOnes = snapshot(type, "ones", 1, ones);
      byte[] protocol = "*3\r\n$3\r\nSET\r\n$-1\r\n\u0000\\x00'--".getBytes(StandardCharsets.ISO_8859_1);
      Snapshot protocolLike = snapshot(type, "protocol", 1, protocol);
      for (Snapshot each : List.of(allZero, allOnes, protocolLike)) {
        store.save(each);
        saved.add(each);
        total += each.payloadSize();
      }
      for (Snapshot each : saved) {
        Snapshot loaded = store.loadLatest(type, each.aggregateId()).orElseThrow();
        assertThat(loaded.payloadSize()).as("payload size of %s", each.aggregateId()).isEqualTo(each.payloadSize());
        assertThat(loaded.payload()).as("payload of %s", each.aggregateId()).isEqualTo(each.payload());
      }
      assertThat(store.stats(type).payloadBytes()).isEqualTo(total);
    }

    @Test
    @DisplayName("R9.6 limits() reports the retention, payload and metadata limits the store was opened with")
    void limitsAsConfigured() {
      assertThat(store.limits().retention()).isEqualTo(KIT_RETENTION);
      assertThat(store.limits().maxPayloadBytes()).isEqualTo(capabilities().maxPayloadBytes());
      assertThat(store.limits().maxMetadataBytes()).isEqualTo(StoreLimits.DEFAULT_MAX_METADATA_BYTES);
      assertThat(store.limits().maxKeyLength()).isPositive();
      capabilities().maxKeyLength().ifPresent(max -> assertThat(store.limits().maxKeyLength())
          .as("maxKeyLength in limits() against the capability").isEqualTo(max));
      SnapshotStore other = open(new KitStoreConfig(Retention.keepLast(3), 12_345, 2_345));
      assertThat(other.limits().retention()).isEqualTo(Retention.keepLast(3));
      assertThat(other.limits().maxPayloadBytes()).isEqualTo(12_345);
      assertThat(other.limits().maxMetadataBytes()).isEqualTo(2_345);
      SnapshotStore unlimited = open(Retention.unlimited());
      assertThat(unlimited.limits().retention().isUnlimited()).isTrue();
    }
  }

  @Nested
  @DisplayName("R10 concurrent saves")
  class Concurrency {

    private static final int THREADS = 8;

    private void runConcurrently(List<Callable<Void>> tasks) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
          futures.add(pool.submit(() -> {
            Await.latch("the signal that starts every writer at once", Duration.ofSeconds(60), start);
            return task.call();
          }));
        }
        start.countDown();
        for (Future<Void> future : futures) {
          Await.result("a concurrent writer to finish", Duration.ofSeconds(120), future);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private List<Callable<Void>> interleavedSaves(SnapshotStore target, String aggregateId, int versionsPerThread) {
      List<Long> all = new ArrayList<>();
      for (long v = 1; v <= (long) THREADS * versionsPerThread; v++) {
        all.add(v);
      }
      Collections.shuffle(all, random);
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<Long> mine = all.subList(t * versionsPerThread, (t + 1) * versionsPerThread);
        // one generator per writer: a shared one would hand out payloads in scheduling order
        Random writerRandom = new Random(random.nextLong());
        tasks.add(() -> {
          for (long v : mine) {
            byte[] payload = new byte[64];
            writerRandom.nextBytes(payload);
            target.save(snapshot(type, aggregateId, v, payload));
          }
          return null;
        });
      }
      return tasks;
    }

    @Test
    @DisplayName("R10.1 8 threads saving shuffled versions of one stream lose nothing (unlimited retention)")
    void sameStreamUnlimited() throws Exception {
      SnapshotStore unlimited = open(Retention.unlimited());
      runConcurrently(interleavedSaves(unlimited, "shared", 25));
      List<Long> history = versions(unlimited.history(type, "shared"));
      assertThat(history).hasSize(THREADS * 25).doesNotHaveDuplicates();
      assertThat(history).isSortedAccordingTo(Collections.reverseOrder());
      assertThat(unlimited.loadLatest(type, "shared")).map(Snapshot::version).contains(THREADS * 25L);
    }

    @Test
    @DisplayName("R10.2 8 threads saving shuffled versions of one stream leave exactly the 5 highest")
    void sameStreamRetained() throws Exception {
      runConcurrently(interleavedSaves(store, "shared", 25));
      long top = THREADS * 25L;
      assertThat(historyVersions("shared")).containsExactly(top, top - 1, top - 2, top - 3, top - 4);
      assertThat(store.stats(type)).extracting(SnapshotStats::snapshots).isEqualTo(5L);
    }

    @Test
    @DisplayName("R10.3 8 threads saving the same version at once all succeed and leave one copy")
    void sameVersion() throws Exception {
      List<byte[]> payloads = new ArrayList<>();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        byte[] payload = ("writer-" + t).getBytes(StandardCharsets.UTF_8);
        payloads.add(payload);
        tasks.add(() -> {
          for (int round = 0; round < 10; round++) {
            store.save(snapshot(type, "same", 7, payload));
          }
          return null;
        });
      }
      runConcurrently(tasks);
      List<Snapshot> history = store.history(type, "same");
      assertThat(history).hasSize(1);
      assertThat(payloads).anySatisfy(p -> assertThat(history.get(0).payload()).isEqualTo(p));
    }

    @Test
    @DisplayName("R10.4 8 threads writing different streams each find exactly their own history")
    void differentStreams() throws Exception {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String id = "stream-" + t;
        tasks.add(() -> {
          for (long v = 20; v >= 1; v--) {
            store.save(snapshot(type, id, v, id.getBytes(StandardCharsets.UTF_8)));
          }
          return null;
        });
      }
      runConcurrently(tasks);
      for (int t = 0; t < THREADS; t++) {
        String id = "stream-" + t;
        assertThat(historyVersions(id)).containsExactly(20L, 19L, 18L, 17L, 16L);
        assertThat(store.loadLatest(type, id).orElseThrow().payload()).isEqualTo(id.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(THREADS, THREADS * 5L,
          THREADS * 5L * "stream-0".length()));
    }
  }

  @Nested
  @DisplayName("R11 bad arguments")
  class BadArguments {

    private void rejects(String argument, Executable call) {
      assertThatThrownBy(call::execute)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(argument);
    }

    @Test
    @DisplayName("R11.1 a snapshot with a null or blank type or id, a negative version or a null payload cannot be built")
    void snapshotValidation() {
      rejects("aggregateType", () -> snapshot(null, "a", 1, new byte[0]));
      rejects("aggregateType", () -> snapshot(" ", "a", 1, new byte[0]));
      rejects("aggregateId", () -> snapshot(type, null, 1, new byte[0]));
      rejects("aggregateId", () -> snapshot(type, "", 1, new byte[0]));
      rejects("version", () -> snapshot(type, "a", -1, new byte[0]));
      rejects("payload", () -> snapshot(type, "a", 1, null));
    }

    @Test
    @DisplayName("R11.2 every read, delete and listing rejects a null or blank type or id, a negative version and a null page")
    void readsAndDeletes() {
      rejects("aggregateType", () -> store.loadLatest(null, "a"));
      rejects("aggregateType", () -> store.loadLatest("", "a"));
      rejects("aggregateId", () -> store.loadLatest(type, null));
      rejects("aggregateId", () -> store.loadLatest(type, "  "));
      rejects("version", () -> store.loadAtOrBefore(type, "a", -1));
      rejects("version", () -> store.loadAtOrBefore(type, "a", Long.MIN_VALUE));
      rejects("aggregateId", () -> store.history(type, null));
      rejects("aggregateId", () -> store.history(type, null, 5));
      rejects("version", () -> store.delete(type, "a", -5));
      rejects("aggregateId", () -> store.deleteStream(type, ""));
      rejects("aggregateType", () -> store.deleteAll(null));
      rejects("aggregateType", () -> store.deleteAll(" "));
      rejects("aggregateType", () -> store.stats(""));
      rejects("aggregateType", () -> store.listStreams(" ", PageRequest.first(10)));
      rejects("page", () -> store.listStreams(type, null));
      rejects("page", () -> store.listTypes(null));
    }

    @Test
    @DisplayName("R11.3 save(null) and saveAll with a null list or element fail and write nothing")
    void nullSnapshots() {
      rejects("snapshot", () -> store.save(null));
      rejects("snapshots", () -> store.saveAll(null));
      List<Snapshot> withNull = new ArrayList<>();
      withNull.add(snapshot("a", 1));
      withNull.add(null);
      rejects("snapshots[1]", () -> store.saveAll(withNull));
      assertThat(store.history(type, "a")).isEmpty();
    }

    @Test
    @DisplayName("R11.4 a batch with one oversize payload fails before any of it is written")
    void oversizeInBatch() {
      SnapshotStore limited = open(kitConfig().withMaxPayloadBytes(KIB));
      limited.save(snapshot("a", 1));
      List<Snapshot> batch = List.of(snapshot("a", 2), snapshot("b", 1), snapshot(type, "c", 1, randomBytes(KIB + 1)));
      assertThatThrownBy(() -> limited.saveAll(batch)).isInstanceOf(PayloadTooLargeException.class);
      assertThat(versions(limited.history(type, "a"))).containsExactly(1L);
      assertThat(limited.history(type, "b")).isEmpty();
      assertThat(limited.stats(type)).isEqualTo(new SnapshotStats(1, 1, 32));
    }

    @Test
    @DisplayName("R11.5 a type or id with U+0000 or an unpaired surrogate fails every call with IllegalArgumentException naming it")
    void textThatNoBackendStores() {
      for (String bad : List.of("a\u0000b", "\ud800", "x\udc00y")) {
        rejects("aggregateId", () -> store.loadLatest(type, bad));
        rejects("aggregateId", () -> store.loadAtOrBefore(type, bad, 1));
        rejects("aggregateId", () -> store.history(type, bad));
        rejects("aggregateId", () -> store.history(type, bad, 3));
        rejects("aggregateId", () -> store.delete(type, bad, 1));
        rejects("aggregateId", () -> store.deleteStream(type, bad));
        rejects("aggregateType", () -> store.loadLatest(bad, "a"));
        rejects("aggregateType", () -> store.deleteAll(bad));
        rejects("aggregateType", () -> store.stats(bad));
        rejects("aggregateType", () -> store.listStreams(bad, PageRequest.first(5)));
      }
    }

    @Test
    @DisplayName("R11.6 history limits outside 1..10,000 fail with IllegalArgumentException naming the limit")
    void historyLimits() {
      store.save(snapshot("a", 1));
      for (int limit : new int[] {0, -1, Integer.MIN_VALUE, PageRequest.MAX_LIMIT + 1, Integer.MAX_VALUE}) {
        rejects("limit", () -> store.history(type, "a", limit));
      }
      assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit");
      assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit");
    }

    @Test
    @DisplayName("R11.7 with the backend unreachable, bad arguments still fail with IllegalArgumentException: checks come before any I/O (capability outage)")
    void checkedBeforeAnyIo() {
      Outage outage = outage("R11.7");
      outage.cut();
      try {
        assertTimeoutPreemptively(outage.failureBound(), () -> {
          rejects("snapshot", () -> store.save(null));
          rejects("aggregateId", () -> store.save(snapshot(type, "i".repeat(maxKeyLength() + 1), 1, new byte[1])));
          rejects("aggregateId", () -> store.loadLatest(type, ""));
          rejects("version", () -> store.loadAtOrBefore(type, "a", -1));
          rejects("limit", () -> store.history(type, "a", 0));
          rejects("version", () -> store.delete(type, "a", -1));
          rejects("aggregateType", () -> store.deleteAll(" "));
          rejects("aggregateType", () -> store.stats(null));
          rejects("page", () -> store.listTypes(null));
          rejects("snapshots[0]", () -> store.saveAll(Collections.singletonList(null)));
        }, "the bad-argument calls did not fail within " + outage.failureBound());
      } finally {
        outage.restore();
      }
    }
  }

  @Nested
  @DisplayName("R12 saveAll")
  class SaveAll {

    @Test
    @DisplayName("R12.1 saveAll gives the same histories as the same saves one by one")
    void sameAsSingleSaves() {
      List<Long> order = new ArrayList<>();
      for (long v = 1; v <= 12; v++) {
        order.add(v);
      }
      order.add(4L);
      order.add(11L);
      Collections.shuffle(order, random);
      List<Snapshot> batch = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) {
        long v = order.get(i);
        byte[] payload = ("v" + v + "#" + i).getBytes(StandardCharsets.UTF_8);
        store.save(snapshot(type, "single", v, payload));
        batch.add(snapshot(type, "batch", v, payload));
        batch.add(snapshot(type, "batch-" + (i % 3), v, payload));
      }
      store.saveAll(batch);

      List<Snapshot> singles = store.history(type, "single");
      List<Snapshot> batched = store.history(type, "batch");
      assertThat(versions(batched)).isEqualTo(versions(singles));
      for (int i = 0; i < singles.size(); i++) {
        assertThat(batched.get(i).payload()).isEqualTo(singles.get(i).payload());
      }
      for (int k = 0; k < 3; k++) {
        assertThat(historyVersions("batch-" + k)).hasSizeLessThanOrEqualTo(5).isSortedAccordingTo(Collections.reverseOrder());
      }
    }

    @Test
    @DisplayName("R12.2 saveAll of an empty list does nothing")
    void emptyBatch() {
      store.saveAll(List.of());
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
    }

    @Test
    @DisplayName("R12.3 saveAll of 100 snapshots across several types stores all of them")
    void hundred() {
      String other = uniqueType("other");
      List<Snapshot> batch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        batch.add(snapshot(i % 2 == 0 ? type : other, "s" + (i % 10), i, randomBytes(100)));
      }
      store.saveAll(batch);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(5, 25, 2500));
      assertThat(store.stats(other)).isEqualTo(new SnapshotStats(5, 25, 2500));
      // each stream got ten versions; retention keeps its five highest, the batch's second half
      for (Snapshot each : batch.subList(50, 100)) {
        assertReadsBack(store, each);
      }
    }

    @Test
    @DisplayName("R12.4 a batch whose last element is invalid writes none of the valid elements before it")
    void validatedBeforeWriting() {
      String tooLong = "i".repeat(maxKeyLength() + 1);
      List<Snapshot> batch = List.of(snapshot("a", 1), snapshot("b", 2), snapshot(type, tooLong, 3, new byte[1]));
      assertThatThrownBy(() -> store.saveAll(batch))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("aggregateId");
      assertThat(store.history(type, "a")).isEmpty();
      assertThat(store.history(type, "b")).isEmpty();
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
    }

    @Test
    @DisplayName("R12.5 a batch holding one version twice keeps the later element, and replaces what was stored, every field")
    void duplicatesInBatch() {
      store.save(Snapshot.builder(type, "a", 1, randomBytes(40)).metadata(Map.of("old", "1")).build());
      Snapshot first = Snapshot.builder(type, "a", 1, randomBytes(30)).metadata(Map.of("first", "1")).build();
      Snapshot later = Snapshot.builder(type, "a", 1, randomBytes(20)).metadata(Map.of("later", "1"))
          .header(new SnapshotHeader("jackson-json", "identity", 4)).createdAt(Instant.parse("2001-01-01T00:00:00Z"))
          .build();
      Snapshot fresh = snapshot("b", 7);
      store.saveAll(List.of(first, fresh, later));
      assertThat(store.history(type, "a")).singleElement().satisfies(s -> assertSameSnapshot(s, later));
      assertSameSnapshot(store.loadLatest(type, "b").orElseThrow(), fresh);
    }
  }

  @Nested
  @DisplayName("R13 backend outage")
  class BackendOutage {

    private void failsInTime(Outage outage, String what, Executable call) {
      Duration bound = outage.failureBound();
      String name = backendName();
      assertTimeoutPreemptively(bound, () -> {
        assertThatThrownBy(call::execute).as(what)
            .isInstanceOf(SnapshotStoreException.class)
            .satisfies(e -> assertThat(e.getMessage()).as("message of the %s failure", what)
                .containsIgnoringCase(name));
      }, what + " did not fail within " + bound);
    }

    @Test
    @DisplayName("R13.1 with the backend unreachable every call fails in bounded time naming the backend, then the same store recovers")
    void failsFastAndRecovers() throws Exception {
      Outage outage = outage("R13.1");
      Snapshot before = snapshot("a", 1);
      store.save(before);
      outage.cut();
      try {
        failsInTime(outage, "save", () -> store.save(snapshot("a", 2)));
        failsInTime(outage, "saveAll", () -> store.saveAll(List.of(snapshot("a", 3))));
        failsInTime(outage, "loadLatest", () -> store.loadLatest(type, "a"));
        failsInTime(outage, "loadAtOrBefore", () -> store.loadAtOrBefore(type, "a", 1));
        failsInTime(outage, "history", () -> store.history(type, "a"));
        failsInTime(outage, "history(limit)", () -> store.history(type, "a", 2));
        failsInTime(outage, "delete", () -> store.delete(type, "a", 9));
        failsInTime(outage, "deleteStream", () -> store.deleteStream(type, "missing"));
        failsInTime(outage, "deleteAll", () -> store.deleteAll(uniqueType("none")));
        failsInTime(outage, "stats", () -> store.stats(type));
        failsInTime(outage, "listTypes", () -> store.listTypes(PageRequest.first(10)));
        failsInTime(outage, "listStreams", () -> store.listStreams(type, PageRequest.first(10)));
      } finally {
        outage.restore();
      }
      Snapshot after = snapshot("a", 4);
      Await.succeeds("the store to accept a save after the outage ended", Duration.ofSeconds(30),
          SnapshotStoreException.class, () -> {
            store.save(after);
            return after;
          });
      assertSameSnapshot(store.loadLatest(type, "a").orElseThrow(), after);
      assertThat(store.loadAtOrBefore(type, "a", 1)).map(Snapshot::payload).hasValueSatisfying(
          p -> assertThat(p).isEqualTo(before.payload()));
    }
  }

  @Nested
  @DisplayName("R14 saveAll when the backend fails part-way")
  class TornBatch {

    private Outage tearable() {
      Outage outage = outage("R14");
      assumeTrue(outage.canCutAfterBytes(),
          "capability " + KitCapabilities.CUT_AFTER_BYTES + " not provided: R14 skipped");
      return outage;
    }

    /** Three streams with history before the batch, one of them outside it. */
    private List<Snapshot> before(String t) {
      return List.of(
          Snapshot.builder(t, "a", 1, randomBytes(500)).metadata(Map.of("state", "before")).build(),
          Snapshot.builder(t, "a", 2, randomBytes(500)).metadata(Map.of("state", "before", "old", "x")).build(),
          Snapshot.builder(t, "outside", 1, randomBytes(500)).build());
    }

    /** 24 snapshots over four streams, replacing a stored version, each with its own metadata and header. */
    private List<Snapshot> batch(String t) {
      List<Snapshot> batch = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String id = List.of("a", "b", "c", "d").get(i % 4);
        long version = 2 + i / 4;
        batch.add(Snapshot.builder(t, id, version, randomBytes(2 * KIB))
            // metadata as large as half the payload, so that a tear between the two lands in either
            .metadata(Map.of("state", "batch", "element", Integer.toString(i), "pad", "m".repeat(KIB)))
            .header(new SnapshotHeader("kit", "identity", i))
            .createdAt(Instant.parse("2026-02-03T04:05:06.789Z").plusSeconds(i))
            .build());
      }
      return batch;
    }

    private Map<String, List<Snapshot>> read(SnapshotStore target, String t) {
      Map<String, List<Snapshot>> histories = new TreeMap<>();
      for (String id : List.of("a", "b", "c", "d", "outside")) {
        histories.put(id, target.history(t, id));
      }
      return histories;
    }

    @Test
    @DisplayName("R14.1 a batch torn at several points fails, stores each snapshot whole or not at all and nothing outside it; the same batch again completes it (capability outage with cutAfterBytes)")
    void tornBatch() {
      Outage outage = tearable();
      SnapshotStore unlimited = open(Retention.unlimited());
      for (double fraction : new double[] {0.05, 0.4, 0.85}) {
        String t = uniqueType("torn");
        List<Snapshot> before = before(t);
        List<Snapshot> batch = batch(t);
        before.forEach(unlimited::save);
        long payloadBytes = batch.stream().mapToLong(Snapshot::payloadSize).sum();
        long cutAfter = Math.max(1, (long) (payloadBytes * fraction));

        outage.cutAfterBytes(cutAfter);
        Throwable failure;
        try {
          failure = catchThrowable(() -> unlimited.saveAll(batch));
        } finally {
          outage.restore();
        }
        assertThat(failure).as("saveAll torn after %s of its %s payload bytes", cutAfter, payloadBytes)
            .isInstanceOf(SnapshotStoreException.class);

        Map<String, List<Snapshot>> after = Await.succeeds("the store to read again after the torn batch",
            Duration.ofSeconds(30), SnapshotStoreException.class, () -> read(unlimited, t));
        for (Map.Entry<String, List<Snapshot>> stream : after.entrySet()) {
          for (Snapshot stored : stream.getValue()) {
            boolean fromBatch = batch.stream().anyMatch(b -> sameSnapshot(stored, b));
            boolean fromBefore = before.stream().anyMatch(b -> sameSnapshot(stored, b));
            assertThat(fromBatch || fromBefore)
                .as("after a cut at byte %s, %s is exactly a snapshot of the batch or one stored before it: %s",
                    cutAfter, stored.describe(), stored)
                .isTrue();
          }
        }
        assertThat(after.get("outside")).as("the stream outside the batch").singleElement()
            .satisfies(s -> assertSameSnapshot(s, before.get(2)));
        assertThat(after.get("a")).as("version 1 of a, outside the batch")
            .anySatisfy(s -> assertSameSnapshot(s, before.get(0)));

        Await.succeeds("the same batch to be saved again after the cut", Duration.ofSeconds(30),
            SnapshotStoreException.class, () -> {
              unlimited.saveAll(batch);
              return batch;
            });
        try (InMemorySnapshotStore reference = InMemorySnapshotStore.builder().retention(Retention.unlimited())
            .build()) {
          before.forEach(reference::save);
          reference.saveAll(batch);
          Map<String, List<Snapshot>> expected = read(reference, t);
          Map<String, List<Snapshot>> actual = read(unlimited, t);
          for (String id : expected.keySet()) {
            assertThat(versions(actual.get(id))).as("versions of %s after the batch was saved again", id)
                .isEqualTo(versions(expected.get(id)));
            for (int i = 0; i < expected.get(id).size(); i++) {
              assertSameSnapshot(actual.get(id).get(i), expected.get(id).get(i));
            }
          }
        }
      }
    }
  }

  @Nested
  @DisplayName("R15 after close")
  class AfterClose {

    private void closed(String what, Executable call) {
      assertThatThrownBy(call::execute).as(what).isInstanceOf(StoreClosedException.class);
    }

    private void everyOperationReportsClosed(SnapshotStore closedStore) {
      closed("save", () -> closedStore.save(snapshot("a", 2)));
      closed("saveAll", () -> closedStore.saveAll(List.of(snapshot("a", 3))));
      closed("saveAll of an empty batch", () -> closedStore.saveAll(List.of()));
      closed("loadLatest", () -> closedStore.loadLatest(type, "a"));
      closed("loadAtOrBefore", () -> closedStore.loadAtOrBefore(type, "a", 1));
      closed("history", () -> closedStore.history(type, "a"));
      closed("history(limit)", () -> closedStore.history(type, "a", 1));
      closed("delete", () -> closedStore.delete(type, "a", 1));
      closed("deleteStream", () -> closedStore.deleteStream(type, "a"));
      closed("deleteAll", () -> closedStore.deleteAll(type));
      closed("stats", () -> closedStore.stats(type));
      closed("listTypes", () -> closedStore.listTypes(PageRequest.first(5)));
      closed("listStreams", () -> closedStore.listStreams(type, PageRequest.first(5)));
    }

    @Test
    @DisplayName("R15.1 after close every operation fails with StoreClosedException, an empty batch included")
    void everyOperation() {
      store.save(snapshot("a", 1));
      store.close();
      everyOperationReportsClosed(store);
    }

    @Test
    @DisplayName("R15.2 after close a call with bad arguments reports the closed store, not its arguments")
    void closedBeforeArguments() {
      store.close();
      closed("save(null)", () -> store.save(null));
      closed("saveAll(null)", () -> store.saveAll(null));
      closed("loadLatest(null, null)", () -> store.loadLatest(null, null));
      closed("loadAtOrBefore with a negative version", () -> store.loadAtOrBefore(type, "a", -1));
      closed("history with a blank id", () -> store.history(type, " "));
      closed("history with limit 0", () -> store.history(type, "a", 0));
      closed("delete with a negative version", () -> store.delete(type, "a", -1));
      closed("deleteStream with a NUL in the id", () -> store.deleteStream(type, "a\u0000"));
      closed("deleteAll(null)", () -> store.deleteAll(null));
      closed("stats(\"\")", () -> store.stats(""));
      closed("listTypes(null)", () -> store.listTypes(null));
      closed("listStreams(null, null)", () -> store.listStreams(null, null));
    }

    @Test
    @DisplayName("R15.3 close() may be called again and again; limits() and backend() still answer as before")
    void closeIsIdempotent() {
      StoreLimits limits = store.limits();
      String backend = store.backend();
      assertThat(backend).as("backend()").isNotBlank();
      capabilities().backendName().ifPresent(declared -> assertThat(backend).as("backend() against the capability")
          .isEqualTo(declared));
      store.close();
      store.close();
      store.close();
      assertThat(store.limits()).isEqualTo(limits);
      assertThat(store.backend()).isEqualTo(backend);
      closed("loadLatest after three closes", () -> store.loadLatest(type, "a"));
    }

    @Test
    @DisplayName("R15.4 closing one store leaves another store of the same backend working")
    void otherStoresStayOpen() {
      SnapshotStore other = open(kitConfig());
      Snapshot saved = snapshot("a", 1);
      other.save(saved);
      store.close();
      Snapshot next = snapshot("a", 2);
      other.save(next);
      assertSameSnapshot(other.loadLatest(type, "a").orElseThrow(), next);
      assertThat(versions(other.history(type, "a"))).containsExactly(2L, 1L);
    }

    @Test
    @DisplayName("R15.5 with the backend unreachable, a closed store still reports that it is closed, at once (capability outage)")
    void closedBeforeAnyIo() {
      Outage outage = outage("R15.5");
      store.close();
      outage.cut();
      try {
        assertTimeoutPreemptively(outage.failureBound(), () -> everyOperationReportsClosed(store),
            "the calls on the closed store did not fail within " + outage.failureBound());
      } finally {
        outage.restore();
      }
    }
  }

  @Nested
  @DisplayName("R16 enumeration")
  class Enumeration {

    private void saveStreams(String t, List<String> ids) {
      for (String id : ids) {
        store.save(snapshot(t, id, 1, id.getBytes(StandardCharsets.UTF_8)));
      }
    }

    private List<String> numbered(String prefix, int count) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ids.add(prefix + i);
      }
      return ids;
    }

    /** Every type in the store, following pages of {@code limit}; on a shared server, other tests' types too. */
    private List<String> allTypes(int limit) {
      return listAll(store::listTypes, limit, 1_000_000);
    }

    @Test
    @DisplayName("R16.1 a type never written lists no streams: one empty page without a cursor; and it is not a listed type")
    void neverWritten() {
      String never = uniqueType("never");
      Page<String> page = store.listStreams(never, PageRequest.first(10));
      assertThat(page.items()).isEmpty();
      assertThat(page.nextCursor()).isNull();
      assertThat(allTypes(PageRequest.MAX_LIMIT)).doesNotContain(never);
    }

    @Test
    @DisplayName("R16.2 stream pages hold at most their limit, have a next cursor if and only if more follow, and list each id once")
    void streamPages() {
      List<String> ids = numbered("s-", 23);
      Collections.shuffle(ids, random);
      saveStreams(type, ids);
      store.save(snapshot("s-3", 2));
      for (int limit : new int[] {1, 2, 5, 22, 23, 24, PageRequest.MAX_LIMIT}) {
        List<String> listed = listStreams(store, type, limit);
        assertThat(listed).as("ids listed with pages of %s", limit).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listStreams(store, type, limit)).as("the same listing again, pages of %s", limit)
            .isEqualTo(listed);
      }
      Page<String> whole = store.listStreams(type, PageRequest.first(23));
      assertThat(whole.items()).as("a first page holding every id").hasSize(23);
      assertThat(whole.nextCursor()).as("the cursor of a first page holding every id").isNull();
      Page<String> first = store.listStreams(type, PageRequest.first(22));
      assertThat(first.items()).hasSize(22);
      assertThat(first.nextCursor()).as("the cursor of a page that leaves one id").isNotNull();
      Page<String> last = store.listStreams(type, PageRequest.after(first.nextCursor(), 22));
      assertThat(last.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
      assertThat(last.nextCursor()).isNull();
    }

    @Test
    @DisplayName("R16.3 each type that holds snapshots is listed exactly once, in pages of 10,000, of 7 and of 1")
    void typePages() {
      List<String> mine = List.of(type, type + ":x", type + "_", type.toUpperCase(java.util.Locale.ROOT), type + " ",
          type + "/é");
      for (String each : mine) {
        saveStreams(each, List.of("a", "b", "c"));
      }
      String emptied = type + "-emptied";
      saveStreams(emptied, List.of("a"));
      store.deleteStream(emptied, "a");
      for (int limit : new int[] {PageRequest.MAX_LIMIT, 7, 1}) {
        List<String> listed = allTypes(limit);
        assertThat(listed).as("types listed with pages of %s", limit).doesNotHaveDuplicates()
            .containsAll(mine).doesNotContain(emptied);
      }
      Page<String> one = store.listTypes(PageRequest.first(1));
      assertThat(one.items()).hasSize(1);
      assertThat(one.nextCursor()).as("a page of one type while more exist").isNotNull();
    }

    @Test
    @DisplayName("R16.4 hostile ids are listed exactly as saved")
    void hostileIds() {
      List<String> ids = new ArrayList<>(Isolation.HOSTILE);
      ids.addAll(List.of("order-1", "Order-1", "order-1 ", "café", "cafe\u0301", "Ω".repeat(40)));
      saveStreams(type, ids);
      assertThat(listStreams(store, type, 4)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
      assertThat(listStreams(store, type, PageRequest.MAX_LIMIT)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @DisplayName("R16.5 a type lists its own streams only: not those of a type it prefixes, one differing in case, or one its `_` matches as a LIKE pattern")
    void ownStreamsOnly() {
      Map<String, List<String>> types = new LinkedHashMap<>();
      types.put(type + "a", List.of("x1", "x2"));
      types.put(type + "ab", List.of("y1"));
      types.put(type + "A", List.of("z1"));
      types.put(type + "_", List.of("w1", "w2", "w3"));
      types.put(type + "a:", List.of("v1"));
      types.put(type + "a%", List.of("u1"));
      types.forEach(this::saveStreams);
      for (Map.Entry<String, List<String>> each : types.entrySet()) {
        assertThat(listStreams(store, each.getKey(), 2)).as("streams of '%s'", each.getKey())
            .containsExactlyInAnyOrderElementsOf(each.getValue());
      }
    }

    @Test
    @DisplayName("R16.6 deleted streams disappear from listings: by delete of the last version, deleteStream and deleteAll")
    void deletedDisappear() {
      String other = type + "-other";
      saveStreams(type, List.of("a", "b", "c", "d"));
      store.save(snapshot("b", 2));
      saveStreams(other, List.of("a"));
      store.delete(type, "a", 1);
      store.delete(type, "b", 1);
      store.deleteStream(type, "c");
      assertThat(listStreams(store, type, 1)).containsExactlyInAnyOrder("b", "d");
      store.deleteAll(type);
      assertThat(listStreams(store, type, 10)).isEmpty();
      assertThat(allTypes(PageRequest.MAX_LIMIT)).doesNotContain(type).contains(other);
      store.save(snapshot("e", 1));
      assertThat(listStreams(store, type, 10)).containsExactly("e");
    }

    @Test
    @DisplayName("R16.7 while a writer saves, deletes and creates other streams between pages, every stream present throughout is listed exactly once")
    void concurrentWrites() throws Exception {
      List<String> stable = numbered("stable-", 30);
      saveStreams(type, stable);
      Set<String> everCreated = new HashSet<>();
      List<String> live = new ArrayList<>();
      ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "kit-R16.7-writer"));
      Random writerRandom = new Random(random.nextLong());
      try {
        for (int limit : new int[] {2, 3}) {
          List<String> listed = new ArrayList<>();
          PageRequest request = PageRequest.first(limit);
          for (int pages = 1; ; pages++) {
            Page<String> page = store.listStreams(type, request);
            listed.addAll(page.items());
            if (page.nextCursor() == null) {
              break;
            }
            assertThat(pages).as("pages of %s while writing", limit).isLessThan(1_000);
            request = PageRequest.after(page.nextCursor(), limit);
            // the writer runs on its own thread between two pages: the interleaving is forced, not left to luck
            Future<?> step = writer.submit(() -> {
              for (int i = 0; i < 3; i++) {
                String id = Integer.toHexString(writerRandom.nextInt()) + "-volatile";
                store.save(snapshot(type, id, 1, new byte[] {1}));
                everCreated.add(id);
                live.add(id);
              }
              if (live.size() > 2) {
                store.deleteStream(type, live.remove(writerRandom.nextInt(live.size())));
                store.deleteStream(type, live.remove(writerRandom.nextInt(live.size())));
              }
              String kept = stable.get(writerRandom.nextInt(stable.size()));
              store.save(snapshot(type, kept, 2 + writerRandom.nextInt(1_000), new byte[] {2}));
            });
            Await.result("the writer's step between two pages", Duration.ofSeconds(30), step);
          }
          assertThat(listed).as("ids listed with pages of %s while the writer ran", limit).doesNotHaveDuplicates()
              .containsAll(stable);
          Set<String> known = new HashSet<>(stable);
          known.addAll(everCreated);
          assertThat(known).as("every listed id was saved by this test").containsAll(listed);
        }
      } finally {
        writer.shutdownNow();
      }
    }
  }
}
