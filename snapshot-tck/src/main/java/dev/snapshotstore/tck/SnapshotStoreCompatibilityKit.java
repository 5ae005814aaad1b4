package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;

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
 * this jar beside this class. Every test writes under its own unique aggregate type, so a shared server
 * needs no cleanup between tests. Payloads and shuffled orders come from {@link KitRandom}: the same in every
 * run unless {@code -Dsnapshot.test.seed} says otherwise, and a failure names the seed that replays it.
 */
@ExtendWith(KitRandom.SeedReporter.class)
public abstract class SnapshotStoreCompatibilityKit {

  /** The retention every test assumes unless it opens its own store. */
  public static final Retention KIT_RETENTION = Retention.keepLast(5);

  private static final int KIB = 1024;
  private static final int MIB = 1024 * 1024;

  /** The store under test, opened with {@link #KIT_RETENTION} and the documented maximum payload. */
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
    return KitCapabilities.builder(getClass().getSimpleName()).build();
  }

  @BeforeEach
  void openStore(TestInfo test) {
    // seeded by the test's name, not its position, so every backend and every run sees the same data
    random = KitRandom.random(test);
    type = uniqueType("kit");
    store = open(KIT_RETENTION);
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
    assertThat(actual.createdAt().truncatedTo(ChronoUnit.MILLIS)).as("createdAt")
        .isEqualTo(expected.createdAt().truncatedTo(ChronoUnit.MILLIS));
    assertThat(actual.metadata()).as("metadata").isEqualTo(expected.metadata());
    assertThat(actual.header()).as("header").isEqualTo(expected.header());
  }

  private static List<Long> versions(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::version).toList();
  }

  private List<Long> historyVersions(String aggregateId) {
    return versions(store.history(type, aggregateId));
  }

  // ---------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("R1 round trip")
  class RoundTrip {

    @Test
    @DisplayName("R1.1 every field comes back as saved through loadLatest, loadAtOrBefore and history")
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
      assertThat(store.history(type, "missing")).isEmpty();
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
    @DisplayName("R2.2 loadLatest returns the highest of many shuffled versions")
    void shuffled() {
      List<Long> versionsToSave = new ArrayList<>();
      for (long v = 0; v < 30; v++) {
        versionsToSave.add(v * 7);
      }
      Collections.shuffle(versionsToSave, random);
      for (long v : versionsToSave) {
        store.save(snapshot("a", v));
      }
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(29L * 7);
    }

    @Test
    @DisplayName("R2.3 version 0 and versions near Long.MAX_VALUE are ordinary versions")
    void extremeVersions() {
      store.save(snapshot("a", 0));
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(0L);
      store.save(snapshot("a", Long.MAX_VALUE - 1));
      store.save(snapshot("a", Integer.MAX_VALUE + 1L));
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(Long.MAX_VALUE - 1);
      assertThat(historyVersions("a")).containsExactly(Long.MAX_VALUE - 1, Integer.MAX_VALUE + 1L, 0L);
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
    @DisplayName("R5.2 retention keeps exactly the N highest versions")
    void keepsHighest() {
      for (long v = 1; v <= 8; v++) {
        store.save(snapshot("a", v));
      }
      assertThat(historyVersions("a")).containsExactly(8L, 7L, 6L, 5L, 4L);
      assertThat(store.loadAtOrBefore(type, "a", 3)).isEmpty();
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
    }

    @Test
    @DisplayName("R5.4 retention applies per stream")
    void perStream() {
      for (long v = 1; v <= 7; v++) {
        store.save(snapshot("a", v));
      }
      store.save(snapshot("b", 1));
      assertThat(historyVersions("a")).hasSize(5);
      assertThat(historyVersions("b")).containsExactly(1L);
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
  }

  @Nested
  @DisplayName("R6 deletes")
  class Deletes {

    @Test
    @DisplayName("R6.1 delete removes exactly one version")
    void deleteOne() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("a", 3));
      store.delete(type, "a", 2);
      assertThat(historyVersions("a")).containsExactly(3L, 1L);
      store.delete(type, "a", 3);
      assertThat(store.loadLatest(type, "a")).map(Snapshot::version).contains(1L);
    }

    @Test
    @DisplayName("R6.2 deleteStream removes every version of that stream and nothing of another")
    void deleteStream() {
      store.save(snapshot("a", 1));
      store.save(snapshot("a", 2));
      store.save(snapshot("ab", 1));
      store.save(snapshot("b", 1));
      store.deleteStream(type, "a");
      assertThat(store.history(type, "a")).isEmpty();
      assertThat(historyVersions("ab")).containsExactly(1L);
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
    @DisplayName("R6.5 a stream can be written again after it was deleted")
    void writeAfterDelete() {
      store.save(snapshot("a", 5));
      store.deleteStream(type, "a");
      store.save(snapshot("a", 2));
      assertThat(historyVersions("a")).containsExactly(2L);
    }
  }

  @Nested
  @DisplayName("R7 stream isolation")
  class Isolation {

    private static final List<String> HOSTILE = List.of(
        "a:b", "a", "a:b:c", "{a}", "{a:b}", "a}b{", "*", "a*", "?", "a?c", "[a]", "[!a]", "%", "a%", "_", "a_c",
        "'", "\"", "'; DROP TABLE snapshots; --", "\\", "a\\b", "a b", " leading", "trailing ", "тип-Ω", "注文",
        "emoji-🧾", "line\nbreak", "tab\tchar", "ab", "abc");

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
    @DisplayName("R7.3 a separator in the type or the id cannot make two streams collide")
    void separatorCollisions() {
      String left = type + ":x";
      store.save(snapshot(left, "y", 1, new byte[] {1}));
      store.save(snapshot(type, "x:y", 1, new byte[] {2}));
      store.save(snapshot(type + ":x:y", "z", 1, new byte[] {3}));
      assertThat(store.loadLatest(left, "y").orElseThrow().payload()).containsExactly(1);
      assertThat(store.loadLatest(type, "x:y").orElseThrow().payload()).containsExactly(2);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 1, 1));
    }

    @Test
    @DisplayName("R7.4 the longest documented type and id round trip, and one character more is rejected")
    void longestId() {
      int max = maxKeyLength();
      String longType = (type + "-" + "t".repeat(max)).substring(0, max);
      String longId = "i".repeat(max - 1) + "Ω";
      Snapshot saved = snapshot(longType, longId, 1, randomBytes(16));
      store.save(saved);
      assertSameSnapshot(store.loadLatest(longType, longId).orElseThrow(), saved);
      assertThat(store.loadLatest(longType, longId.substring(1))).isEmpty();
      assertThatThrownBy(() -> store.save(snapshot(longType, longId + "x", 1, randomBytes(4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateId");
      store.deleteAll(longType);
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
      store.save(snapshot(type, "a", 2, new byte[20]));
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
          future.get(120, TimeUnit.SECONDS);
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
    @DisplayName("R11.2 every read and delete rejects a null or blank type or id and a negative version")
    void readsAndDeletes() {
      rejects("aggregateType", () -> store.loadLatest(null, "a"));
      rejects("aggregateType", () -> store.loadLatest("", "a"));
      rejects("aggregateId", () -> store.loadLatest(type, null));
      rejects("aggregateId", () -> store.loadLatest(type, "  "));
      rejects("version", () -> store.loadAtOrBefore(type, "a", -1));
      rejects("aggregateId", () -> store.history(type, null));
      rejects("version", () -> store.delete(type, "a", -5));
      rejects("aggregateId", () -> store.deleteStream(type, ""));
      rejects("aggregateType", () -> store.deleteAll(null));
      rejects("aggregateType", () -> store.deleteAll(" "));
      rejects("aggregateType", () -> store.stats(""));
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
  }

  @Nested
  @DisplayName("R13 backend outage")
  class BackendOutage {

    private Outage outage() {
      Optional<Outage> outage = capabilities().outage();
      assumeTrue(outage.isPresent(), "capability outage not provided: R13 skipped");
      return outage.get();
    }

    private void failsInTime(Outage outage, String what, Executable call) {
      Duration bound = outage.failureBound();
      assertTimeoutPreemptively(bound, () -> {
        assertThatThrownBy(call::execute).as(what)
            .isInstanceOf(SnapshotStoreException.class)
            .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(capabilities().backendName()));
      }, what + " did not fail within " + bound);
    }

    @Test
    @DisplayName("R13.1 with the backend unreachable every call fails in bounded time naming the backend, then the same store recovers")
    void failsFastAndRecovers() throws Exception {
      Outage outage = outage();
      Snapshot before = snapshot("a", 1);
      store.save(before);
      outage.cut();
      try {
        failsInTime(outage, "save", () -> store.save(snapshot("a", 2)));
        failsInTime(outage, "saveAll", () -> store.saveAll(List.of(snapshot("a", 3))));
        failsInTime(outage, "loadLatest", () -> store.loadLatest(type, "a"));
        failsInTime(outage, "loadAtOrBefore", () -> store.loadAtOrBefore(type, "a", 1));
        failsInTime(outage, "history", () -> store.history(type, "a"));
        failsInTime(outage, "delete", () -> store.delete(type, "a", 9));
        failsInTime(outage, "deleteStream", () -> store.deleteStream(type, "missing"));
        failsInTime(outage, "deleteAll", () -> store.deleteAll(uniqueType("none")));
        failsInTime(outage, "stats", () -> store.stats(type));
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
}
