package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.KeyLayout;
import redis.clients.jedis.Jedis;

/** Streams written by 0.1 (a history list and an index list per stream) move into the current layout once. */
class RedisLayoutMigrationTest {

  private final TestRedis redis = TestRedis.get();
  private final String type = "migrate-" + UUID.randomUUID().toString().substring(0, 8);

  /** Writes a stream as 0.1 did: elements newest first in the history list, 12-byte entries in the index list. */
  private void writeLegacy(Jedis raw, String prefix, String id, List<Snapshot> newestFirst) {
    String stem = prefix + ":{" + KeyLayout.escape(type) + ":" + KeyLayout.escape(id) + "}:";
    for (Snapshot snapshot : newestFirst) {
      raw.rpush((stem + "history").getBytes(), ElementCodec.encode(snapshot).element());
      raw.rpush((stem + "index").getBytes(),
          ByteBuffer.allocate(12).putLong(snapshot.version()).putInt(snapshot.payloadSize()).array());
    }
  }

  private Snapshot snapshot(String id, long version, String payload) {
    return Snapshot.builder(type, id, version, payload.getBytes())
        .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
        .metadata(Map.of("by", "0.1"))
        .header(new SnapshotHeader("jackson-json", "identity", 2))
        .build();
  }

  @Test
  @DisplayName("every 0.1 stream moves byte for byte, is listed and counted, and its 0.1 keys are gone; a second run finds nothing")
  void migrates() {
    try (Jedis raw = redis.raw(); RedisSnapshotStore store = redis.open("retention=3")) {
      List<Snapshot> a = List.of(snapshot("a", 30, "a30"), snapshot("a", 20, "a20"), snapshot("a", 10, "a10"),
          snapshot("a", 5, "a5"));
      writeLegacy(raw, "snapshot", "a", a);
      writeLegacy(raw, "snapshot", "a:b*{c}", List.of(snapshot("a:b*{c}", 1, "hostile")));
      writeLegacy(raw, "other-prefix", "x", List.of(snapshot("x", 1, "not ours")));

      RedisLayoutMigration.Result result = RedisLayoutMigration.migrate(store);

      assertThat(result.streams()).isGreaterThanOrEqualTo(2);
      assertThat(store.history(type, "a")).as("retention 3 keeps the three highest").isEqualTo(a.subList(0, 3));
      assertThat(store.loadLatest(type, "a:b*{c}")).contains(snapshot("a:b*{c}", 1, "hostile"));
      assertThat(store.listStreams(type, PageRequest.first(10)).items()).containsExactly("a", "a:b*{c}");
      assertThat(store.listTypes(PageRequest.first(10_000)).items()).contains(type);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(2, 4, 3 + 3 + 3 + 7));
      assertThat(raw.keys("snapshot:{" + KeyLayout.escape(type) + ":*}:history")).isEmpty();
      assertThat(raw.keys("snapshot:{" + KeyLayout.escape(type) + ":*}:index")).isEmpty();
      assertThat(raw.exists("other-prefix:{" + KeyLayout.escape(type) + ":x}:history")).as("another prefix").isTrue();

      RedisLayoutMigration.Result again = RedisLayoutMigration.migrate(store);
      assertThat(again.snapshots()).isZero();
      assertThat(store.history(type, "a")).isEqualTo(a.subList(0, 3));
      store.deleteAll(type);
      raw.del("other-prefix:{" + KeyLayout.escape(type) + ":x}:history", "other-prefix:{" + KeyLayout.escape(type)
          + ":x}:index");
    }
  }

  @Test
  @DisplayName("a version already in the current layout wins over its 0.1 copy; a damaged 0.1 element is left out and counted")
  void keepsNewerDataAndSkipsDamage() {
    try (Jedis raw = redis.raw(); RedisSnapshotStore store = redis.open("retention=5")) {
      store.save(snapshot("m", 2, "written by 1.0"));
      writeLegacy(raw, "snapshot", "m", List.of(snapshot("m", 3, "old 3"), snapshot("m", 2, "old 2"),
          snapshot("m", 1, "old 1")));
      String history = "snapshot:{" + KeyLayout.escape(type) + ":m}:history";
      byte[] damaged = raw.lindex(history.getBytes(), 0);
      damaged[damaged.length - 6] ^= 1;
      raw.lset(history.getBytes(), 0, damaged);

      RedisLayoutMigration.Result result = RedisLayoutMigration.migrate(store);

      assertThat(result.damaged()).isEqualTo(1);
      assertThat(store.history(type, "m")).containsExactly(snapshot("m", 2, "written by 1.0"),
          snapshot("m", 1, "old 1"));
      assertThat(raw.exists(history)).isFalse();
      store.deleteAll(type);
    }
  }
}
