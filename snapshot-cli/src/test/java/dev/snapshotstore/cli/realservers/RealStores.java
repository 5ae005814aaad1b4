package dev.snapshotstore.cli.realservers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;

/**
 * The real servers of these tests (the shared ones of {@code snapshot-test-servers}: a URL from the environment,
 * else Docker, else embedded binaries), store URIs of their own on them, and test data: seeded snapshots whose
 * every field varies, and the whole content of a store for byte-exact comparison.
 */
public final class RealStores {

  /** Ids that would break a naive key or SQL layout. */
  private static final String[] HOSTILE = {"o:{1}", "a b", "100%", "\u00fcber-\u00f1", "x'; --", "*?[]"};

  private RealStores() {}

  /** A Redis store URI of its own: a fresh key prefix on the shared server. */
  public static String redisUri() {
    return RedisTestServer.shared().uri() + "?keyPrefix=cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A PostgreSQL store URI of its own: a fresh schema in the shared server's database. */
  public static String postgresUri() {
    return PostgresTestServer.shared().jdbcUrlWithCredentials() + "&schema=cli_"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  public static SnapshotStore open(String uri) {
    return SnapshotStores.discover().open(uri);
  }

  /**
   * {@code streams} streams of {@code versions} versions each, over the types Order (JSON, every third one zstd
   * compressed) and Cart (raw bytes), with metadata, microsecond created-at instants and a few hostile ids.
   */
  public static List<Snapshot> generate(Random random, int streams, int versions, int maxPayloadBytes) {
    ZstdCodec zstd = ZstdCodec.create(ZstdCodecOptions.builder().threshold(0).build());
    List<Snapshot> snapshots = new ArrayList<>(streams * versions);
    for (int stream = 0; stream < streams; stream++) {
      boolean order = stream % 2 == 0;
      String type = order ? "Order" : "Cart";
      String id = String.format("%s-%05d", type.toLowerCase(), stream)
          + (stream % 97 == 0 ? HOSTILE[(stream / 97) % HOSTILE.length] : "");
      long version = random.nextInt(10);
      for (int v = 0; v < versions; v++) {
        version += 1 + random.nextInt(100);
        int size = random.nextInt(maxPayloadBytes + 1);
        byte[] payload;
        SnapshotHeader header;
        if (order) {
          StringBuilder json = new StringBuilder("{\"id\":\"").append(stream).append("\",\"lines\":[");
          while (json.length() < size) {
            json.append("{\"sku\":\"S-").append(random.nextInt(1000)).append("\",\"qty\":").append(random.nextInt(9))
                .append("},");
          }
          json.append("{}],\"total\":").append(random.nextInt(100_000)).append(".").append(random.nextInt(100))
              .append('}');
          byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
          if (v % 3 == 0) {
            EncodedPayload encoded = zstd.encode(raw);
            payload = encoded.bytes();
            header = new SnapshotHeader("jackson-json", encoded.codecId(), 1 + random.nextInt(3));
          } else {
            payload = raw;
            header = new SnapshotHeader("jackson-json", "identity", 1 + random.nextInt(3));
          }
        } else {
          payload = new byte[size];
          random.nextBytes(payload);
          header = SnapshotHeader.RAW;
        }
        Instant taken = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000),
            random.nextInt(1_000_000) * 1_000L);
        snapshots.add(Snapshot.builder(type, id, version, payload).header(header).createdAt(taken)
            .metadata(Map.of("correlation", UUID.nameUUIDFromBytes(payload).toString(), "n", Integer.toString(v)))
            .build());
      }
    }
    return snapshots;
  }

  /** Saves in batches of 500, as an application's bulk load would. */
  public static void save(SnapshotStore store, List<Snapshot> snapshots) {
    for (int from = 0; from < snapshots.size(); from += 500) {
      store.saveAll(snapshots.subList(from, Math.min(snapshots.size(), from + 500)));
    }
  }

  /** Every retained snapshot of the store, by "type/id", each stream's history newest first. */
  public static Map<String, List<Snapshot>> contents(SnapshotStore store) {
    Map<String, List<Snapshot>> contents = new TreeMap<>();
    for (String type : all(request -> store.listTypes(request))) {
      for (String id : all(request -> store.listStreams(type, request))) {
        contents.put(type + "/" + id, store.history(type, id));
      }
    }
    return contents;
  }

  /** The same map built from snapshots as they were generated, keeping each stream's newest {@code retention}. */
  public static Map<String, List<Snapshot>> expected(List<Snapshot> snapshots, int retention) {
    Map<String, List<Snapshot>> expected = new TreeMap<>();
    for (Snapshot snapshot : snapshots) {
      expected.computeIfAbsent(snapshot.aggregateType() + "/" + snapshot.aggregateId(), key -> new ArrayList<>())
          .add(snapshot);
    }
    expected.replaceAll((key, list) -> list.stream()
        .sorted((a, b) -> Long.compare(b.version(), a.version())).limit(retention).toList());
    return expected;
  }

  private static List<String> all(java.util.function.Function<PageRequest, Page<String>> pages) {
    List<String> items = new ArrayList<>();
    PageRequest request = PageRequest.first(1000);
    while (true) {
      Page<String> page = pages.apply(request);
      items.addAll(page.items());
      if (!page.hasNext()) {
        return items;
      }
      request = PageRequest.after(page.nextCursor(), 1000);
    }
  }
}
