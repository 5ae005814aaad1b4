package dev.snapshotstore.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.ElementCodec.ElementFormatException;
import dev.snapshotstore.redis.internal.ElementCodec.Encoded;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.redis.internal.RedisFailures;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Moves streams written by snapshot-redis 0.1 (a {@code history} list of elements and a parallel {@code index}
 * list per stream) into the current layout, once, before the application writes with this version. The store
 * reads only the current layout.
 *
 * <p>It finds 0.1 streams with {@code SCAN} on every master, copies each element unchanged (the element format
 * is the same) through the store's own save path, keeping a version the current layout already holds, indexes
 * the stream, and deletes the two 0.1 keys last, so a migration that stops half-way can simply run again. An
 * element that fails its checksum is left out and counted. Stop 0.1 writers first: a 0.1 save during the
 * migration may be lost.
 *
 * <pre>{@code
 * try (RedisSnapshotStore store = RedisSnapshotStore.open("redis://host:6379?keyPrefix=snapshot")) {
 *   RedisLayoutMigration.Result result = RedisLayoutMigration.migrate(store);
 * }
 * }</pre>
 * or {@code java -cp ... dev.snapshotstore.redis.RedisLayoutMigration redis://host:6379?keyPrefix=snapshot}.
 */
public final class RedisLayoutMigration {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLayoutMigration.class);
  private static final int SCAN_COUNT = 1000;
  private static final int ELEMENTS_PER_STEP = 100;

  private RedisLayoutMigration() {}

  /**
   * What a migration did.
   *
   * @param streams 0.1 streams moved (their 0.1 keys are gone)
   * @param snapshots snapshots written into the current layout (fewer than read when retention or an existing
   *     version kept them out)
   * @param damaged 0.1 elements left out because their bytes were damaged
   */
  public record Result(long streams, long snapshots, long damaged) {}

  /** Migrates every 0.1 stream under the store's key prefix. */
  public static Result migrate(RedisSnapshotStore store) {
    Arguments.checkNotNull(store, "store");
    KeyLayout keys = store.keys();
    Set<String> indexKeys = new LinkedHashSet<>();
    ScanParams params = new ScanParams().match(keys.legacyIndexPattern()).count(SCAN_COUNT);
    try {
      store.calls().forEachNode(node -> {
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
          ScanResult<byte[]> page = node.scan(cursor, params);
          page.getResult().forEach(key -> indexKeys.add(KeyLayout.ascii(key)));
          cursor = page.getCursorAsBytes();
        } while (!java.util.Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
      });
    } catch (RuntimeException e) {
      throw RedisFailures.INSTANCE.translate("migration scan", e);
    }
    long streams = 0;
    long snapshots = 0;
    long damaged = 0;
    for (String indexKey : indexKeys) {
      String[] stream = keys.legacyStream(KeyLayout.ascii(indexKey));
      if (stream == null) {
        continue;
      }
      long[] counts = migrateStream(store, stream[0], stream[1]);
      streams++;
      snapshots += counts[0];
      damaged += counts[1];
    }
    LOG.info("migrated {} Redis streams of the 0.1 layout ({} snapshots written, {} damaged elements left out)",
        streams, snapshots, damaged);
    return new Result(streams, snapshots, damaged);
  }

  private static long[] migrateStream(RedisSnapshotStore store, String aggregateType, String aggregateId) {
    String stem = store.keys().stem(aggregateType, aggregateId);
    byte[] history = KeyLayout.ascii(stem + KeyLayout.LEGACY_HISTORY);
    byte[] index = KeyLayout.ascii(stem + KeyLayout.LEGACY_INDEX);
    long written = 0;
    long damaged = 0;
    for (long from = 0; ; from += ELEMENTS_PER_STEP) {
      long start = from;
      List<byte[]> elements = migrationCall(() ->
          store.calls().jedis().lrange(history, start, start + ELEMENTS_PER_STEP - 1));
      if (elements.isEmpty()) {
        break;
      }
      List<RedisSnapshotStore.Pending> pending = new ArrayList<>(elements.size());
      for (byte[] element : elements) {
        try {
          Snapshot decoded = ElementCodec.decode(aggregateType, aggregateId, element);
          pending.add(new RedisSnapshotStore.Pending(aggregateType, aggregateId, stem,
              store.keys().latestKey(stem), store.keys().versionsKey(stem),
              new Encoded(element, ElementCodec.memberOf(decoded, element))));
        } catch (ElementFormatException e) {
          damaged++;
          LOG.warn("left out a damaged 0.1 element of {}/{}: {}", aggregateType, aggregateId, e.getMessage());
        }
      }
      written += migrationCall(() -> store.commit(pending, true));
      if (elements.size() < ELEMENTS_PER_STEP) {
        break;
      }
    }
    migrationCall(() -> {
      store.calls().jedis().del(history, index);
      return null;
    });
    return new long[] {written, damaged};
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T migrationCall(Call<T> call) {
    try {
      return call.run();
    } catch (dev.snapshotstore.api.SnapshotStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RedisFailures.INSTANCE.translate("migration", e);
    }
  }

  /** Migrates the store a URI opens; prints what it did. */
  public static void main(String... args) {
    if (args.length != 1) {
      System.err.println("usage: RedisLayoutMigration redis://[[user]:password@]host[:port][/db][?keyPrefix=...]");
      System.exit(2);
    }
    try (RedisSnapshotStore store = RedisSnapshotStore.open(args[0])) {
      Result result = migrate(store);
      System.out.println("migrated " + result.streams() + " streams, wrote " + result.snapshots()
          + " snapshots, left out " + result.damaged() + " damaged elements");
    }
  }
}
