package dev.snapshotstore.tck.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * jqwik generators of operation sequences over a few streams: hostile names, versions out of order,
 * replacements, batches, deletes and purges. Types get a caller-chosen prefix so runs on a shared server
 * never meet.
 */
public final class StoreOperations {

  /** Names chosen to collide in naive key schemes: separators, braces, glob and SQL wildcards, prefixes. */
  public static final List<String> HOSTILE_NAMES = List.of(
      "a", "ab", "a:b", "a:", ":a", "{a}", "a*", "*", "a?", "[a]", "%", "_", "'", "a\\b", "a b", "Ω", "a%b");

  private StoreOperations() {}

  /** Sequences of 1 to {@code maxLength} operations on types {@code typePrefix + name}. */
  public static Arbitrary<List<StoreOperation>> sequences(String typePrefix, int maxLength) {
    return operation(typePrefix).list().ofMinSize(1).ofMaxSize(maxLength);
  }

  public static Arbitrary<StoreOperation> operation(String typePrefix) {
    Arbitrary<String> types = Arbitraries.of("T", "T:", "T*", "Tx").map(t -> typePrefix + t);
    Arbitrary<String> ids = Arbitraries.of(HOSTILE_NAMES);
    Arbitrary<Long> versions = Arbitraries.longs().between(0, 12);
    Arbitrary<Snapshot> snapshots = snapshots(types, ids, versions);
    return Arbitraries.frequencyOf(
        Tuple(30, snapshots.map(StoreOperation.Save::new)),
        Tuple(6, snapshots.list().ofMaxSize(6).map(StoreOperation.SaveAll::new)),
        Tuple(12, Combinators.combine(types, ids).as(StoreOperation.LoadLatest::new)),
        Tuple(10, Combinators.combine(types, ids, versions).as(StoreOperation.LoadAtOrBefore::new)),
        Tuple(12, Combinators.combine(types, ids).as(StoreOperation.History::new)),
        Tuple(6, Combinators.combine(types, ids, versions).as(StoreOperation.Delete::new)),
        Tuple(3, Combinators.combine(types, ids).as(StoreOperation.DeleteStream::new)),
        Tuple(2, types.map(StoreOperation.DeleteAll::new)),
        Tuple(8, types.map(StoreOperation.Stats::new)));
  }

  private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends StoreOperation>> Tuple(int weight,
      Arbitrary<? extends StoreOperation> arbitrary) {
    return net.jqwik.api.Tuple.of(weight, arbitrary);
  }

  private static Arbitrary<Snapshot> snapshots(Arbitrary<String> types, Arbitrary<String> ids,
      Arbitrary<Long> versions) {
    Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
        Arbitraries.of("k", "user", "ключ"), Arbitraries.strings().ofMaxLength(6)).ofMaxSize(2);
    Arbitrary<SnapshotHeader> headers = Arbitraries.of(SnapshotHeader.RAW,
        new SnapshotHeader("jackson-json", "zstd:dict=x", 3));
    Arbitrary<Instant> createdAt = Arbitraries.longs().between(0, 4_000_000_000_000L)
        .map(micros -> Instant.EPOCH.plusNanos(micros * 1000));
    return Combinators.combine(types, ids, versions, payloads, createdAt, metadata, headers)
        .as(Snapshot::new);
  }
}
