package dev.snapshotstore.tck.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * jqwik generators of operation sequences over a few streams: hostile names, versions out of order,
 * replacements, batches, deletes, purges, stats, history limits and listings, ending with a close. Types
 * get a caller-chosen prefix so runs on a shared server never meet.
 *
 * <p>Most bugs show only after several calls on one stream (retention needs four versions of it), so the
 * generator is biased towards a few hot streams, type {@code T} with ids {@code a}, {@code :a} and {@code a:},
 * while every hostile name still turns up; and sequence lengths are uniform up to the maximum rather than
 * mostly short. The values are biased towards what real adapters get wrong: names that collide under case
 * folding ({@code T}/{@code t}, {@code a}/{@code A}), trailing spaces, Unicode normalisation, joined keys
 * ({@code T:}+{@code a} against {@code T}+{@code :a}, the same with {@code /}) and {@code LIKE} patterns
 * ({@code T_}); versions near 2^53, {@code Integer.MAX_VALUE} and {@code Long.MAX_VALUE} beside small ones
 * (where 9 and 10 sort differently as text); {@code createdAt} at both ends of its range and around the
 * Julian calendar, the epoch and 2038; metadata with line breaks, separators, outer spaces, letter case,
 * empty values and supplementary characters; payloads ending in zero bytes. The planted defects each model
 * kit run must find are listed in {@code ModelCheckTeethTest}.
 */
public final class StoreOperations {

  /** Names chosen to collide in naive key schemes: separators, braces, glob and SQL wildcards, prefixes. */
  public static final List<String> HOSTILE_NAMES = List.of(
      "a", "ab", "a:b", "a:", ":a", "{a}", "a*", "*", "a?", "[a]", "%", "_", "'", "a\\b", "a b", "Ω", "a%b", "/a",
      "a/b");

  /** Names that one database or another takes for {@code a}, {@code é} or {@code Ω}. */
  public static final List<String> LOOK_ALIKE_NAMES = List.of("A", "a ", "a  ", " a", "é", "e\u0301", "\u2126");

  private StoreOperations() {}

  /** Types beside {@code T} that collide with it under joined keys, prefixes, case folding and LIKE. */
  public static final List<String> COLLIDING_TYPES = List.of("T:", "T*", "Tx", "t", "T_", "T/");

  /**
   * Sequences of 1 to {@code maxLength} operations on types {@code typePrefix + name}, then a close. Each
   * sequence works on a small world of its own: type {@code T} and id {@code a}, and next to them names that a
   * naive store confuses with them (one joined-key pair, a case or space or normalisation twin, a {@code LIKE}
   * pattern and what it matches, a prefix) and a few other hostile names, so that colliding names meet often.
   */
  public static Arbitrary<List<StoreOperation>> sequences(String typePrefix, int maxLength) {
    Arbitrary<List<String>> someTypes = Arbitraries.of(COLLIDING_TYPES).list().uniqueElements().ofMinSize(1)
        .ofMaxSize(2);
    Arbitrary<List<String>> someIds = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(LOOK_ALIKE_NAMES)),
        Tuple.of(3, Arbitraries.of(HOSTILE_NAMES))).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<String>> oneType = Arbitraries.of(COLLIDING_TYPES).map(List::of);
    // (types beside T, ids beside a): each pair is a collision some real store makes
    Arbitrary<Tuple.Tuple2<List<String>, List<String>>> worlds = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Tuple.of(List.of("T:", "T_"), List.of(":a", "a:")))),
        Tuple.of(2, Arbitraries.just(Tuple.of(List.of("T/", "T_"), List.of("/a", "a/b")))),
        Tuple.of(2, Arbitraries.just(Tuple.of(List.of("T_", "Tx"), List.of("ab")))),
        Tuple.of(2, Arbitraries.just(Tuple.of(List.of("t", "Tx"), List.of("A", "ab")))),
        Tuple.of(2, oneType.map(types -> Tuple.of(types, List.of("a ", " a")))),
        Tuple.of(2, oneType.map(types -> Tuple.of(types, List.of("é", "e\u0301", "Ω", "\u2126")))),
        Tuple.of(3, Combinators.combine(someTypes, someIds).as(Tuple::of)));
    return worlds.flatMap(world -> {
      List<String> types = new ArrayList<>(List.of("T", "T"));
      types.addAll(world.get1());
      List<String> ids = new ArrayList<>(List.of("a", "a"));
      ids.addAll(world.get2());
      // operations on a whole type pick the types beside T twice as often as T, so that each meets its neighbours
      List<String> wholeTypes = new ArrayList<>(List.of("T"));
      wholeTypes.addAll(world.get1());
      wholeTypes.addAll(world.get1());
      Arbitrary<String> anyType = Arbitraries.of(wholeTypes);
      return operation(typePrefix, Arbitraries.of(types), anyType, types.subList(1, types.size()),
          Arbitraries.of(ids)).list().ofMinSize(1)
          .ofMaxSize(maxLength).withSizeDistribution(RandomDistribution.uniform());
    }).map(operations -> {
      List<StoreOperation> closed = new ArrayList<>(operations);
      closed.add(new StoreOperation.Close(typePrefix + "T", "a"));
      return closed;
    });
  }

  /** One operation over every name: mostly type {@code T} and id {@code a}, every hostile name now and then. */
  public static Arbitrary<StoreOperation> operation(String typePrefix) {
    Arbitrary<String> types = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("T")),
        Tuple.of(3, Arbitraries.of(COLLIDING_TYPES)));
    Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("a")),
        Tuple.of(3, Arbitraries.of(":a", "a:", "/a")), Tuple.of(2, Arbitraries.of(LOOK_ALIKE_NAMES)),
        Tuple.of(3, Arbitraries.of(HOSTILE_NAMES)));
    List<String> everyType = new ArrayList<>(List.of("T"));
    everyType.addAll(COLLIDING_TYPES);
    return operation(typePrefix, types, types, everyType, ids);
  }

  private static Arbitrary<StoreOperation> operation(String typePrefix, Arbitrary<String> typeNames,
      Arbitrary<String> wholeTypeNames, List<String> neighbourNames, Arbitrary<String> ids) {
    List<String> neighbours = neighbourNames.stream().map(t -> typePrefix + t).toList();
    Arbitrary<String> types = typeNames.map(t -> typePrefix + t);
    Arbitrary<String> wholeTypes = wholeTypeNames.map(t -> typePrefix + t);
    // mostly few versions, so that deletes and replaces meet what saves wrote; up to 12 so that 9 < 10 matters
    Arbitrary<Long> versions = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.longs().between(0, 3)),
        Tuple.of(6, Arbitraries.longs().between(4, 12)),
        Tuple.of(1, Arbitraries.of((1L << 53) - 1, 1L << 53, (1L << 53) + 1)),
        Tuple.of(1, Arbitraries.of((long) Integer.MAX_VALUE + 1, 1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE)));
    // reads and deletes mostly of the few low versions, so that they meet what was saved and can empty a stream
    Arbitrary<Long> lowVersions = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(0, 2)),
        Tuple.of(1, versions));
    Arbitrary<Integer> limits = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 4)),
        Tuple.of(1, Arbitraries.just(PageRequest.MAX_LIMIT)));
    Arbitrary<Snapshot> snapshots = snapshots(types, ids, versions);
    return Arbitraries.frequencyOf(
        weighted(30, snapshots.map(StoreOperation.Save::new)),
        weighted(4, snapshots.list().ofMaxSize(6).map(StoreOperation.SaveAll::new)),
        // a batch of one stream, to exercise retention and duplicates within a batch
        weighted(3, Combinators.combine(types, ids).flatAs((type, id) -> snapshots(Arbitraries.just(type),
            Arbitraries.just(id), versions).list().ofMinSize(2).ofMaxSize(6)).map(StoreOperation.SaveAll::new)),
        weighted(10, Combinators.combine(types, ids).as(StoreOperation.LoadLatest::new)),
        weighted(8, Combinators.combine(types, ids, lowVersions).as(StoreOperation.LoadAtOrBefore::new)),
        weighted(10, Combinators.combine(types, ids).as(StoreOperation.History::new)),
        weighted(7, Combinators.combine(types, ids, limits).as(StoreOperation.HistoryLimit::new)),
        weighted(10, Combinators.combine(types, ids, lowVersions).as(StoreOperation.Delete::new)),
        weighted(5, Combinators.combine(types, ids).as(StoreOperation.DeleteStream::new)),
        weighted(8, wholeTypes.map(type -> new StoreOperation.DeleteAll(type, neighbours))),
        weighted(8, wholeTypes.map(StoreOperation.Stats::new)),
        weighted(5, Combinators.combine(types, limits).as(StoreOperation.ListStreams::new)),
        weighted(2, Arbitraries.integers().between(1, 3).map(limit -> new StoreOperation.ListTypes(typePrefix, limit))),
        weighted(1, Arbitraries.just(new StoreOperation.Limits())));
  }

  private static Tuple.Tuple2<Integer, Arbitrary<? extends StoreOperation>> weighted(int weight,
      Arbitrary<? extends StoreOperation> arbitrary) {
    return Tuple.of(weight, arbitrary);
  }

  private static Arbitrary<Snapshot> snapshots(Arbitrary<String> types, Arbitrary<String> ids,
      Arbitrary<Long> versions) {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    Arbitrary<byte[]> payloads = Arbitraries.frequencyOf(Tuple.of(6, randomBytes),
        Tuple.of(1, randomBytes.map(bytes -> java.util.Arrays.copyOf(bytes, bytes.length + 2))));
    Arbitrary<String> values = Arbitraries.frequencyOf(
        // text a snapshot accepts: no U+0000, no surrogates (a lone one is rejected by Snapshot itself)
        Tuple.of(4, Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(6)),
        Tuple.of(2, Arbitraries.of("", " padded ", "line\nbreak", "k=v;x", "🧾", "tab\t")));
    Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
        Arbitraries.of("k", "user", "User", "ключ", "", "a=b", "🧾"), values).ofMaxSize(3);
    Arbitrary<SnapshotHeader> headers = Arbitraries.of(SnapshotHeader.RAW,
        new SnapshotHeader("jackson-json", "zstd:dict=x", 3), new SnapshotHeader("proto", "identity", 1));
    Arbitrary<Instant> createdAt = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().between(0, 4_000_000_000_000_000L)
            .map(micros -> Instant.EPOCH.plusNanos(micros * 1000))),
        Tuple.of(2, Arbitraries.of(Snapshot.MIN_CREATED_AT, Snapshot.MAX_CREATED_AT,
            Instant.parse("1000-06-15T12:00:00Z"), Instant.parse("1582-10-04T12:00:00Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.parse("2038-01-19T03:14:08Z"), Instant.parse("2262-04-12T00:00:00Z"))));
    return Combinators.combine(types, ids, versions, payloads, createdAt, metadata, headers)
        .as((type, id, version, payload, created, entries, header) -> Snapshot.builder(type, id, version, payload)
            .createdAt(created)
            .metadata(entries)
            .header(header)
            .build());
  }
}
