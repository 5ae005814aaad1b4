package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.redis.internal.KeyLayout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** Redis-specific behaviour the kit cannot see: time-to-live, the script cache, client ownership, binary layout. */
class RedisSnapshotStoreBehaviourTest {

  private final TestRedis redis = TestRedis.get();
  private final String type = "behaviour-" + UUID.randomUUID().toString().substring(0, 8);
  private final KeyLayout layout = new KeyLayout("snapshot");

  private Jedis raw() {
    return redis.raw();
  }

  @Test
  @DisplayName("time-to-live is set on both keys of a stream and refreshed by every save")
  void timeToLive() {
    RedisSnapshotStoreOptions options = redis.options().timeToLive(Duration.ofSeconds(100)).build();
    try (RedisSnapshotStore store = RedisSnapshotStore.connect(redis.host(), redis.port(), options); Jedis raw = raw()) {
      store.save(Snapshot.builder(type, "a", 1, new byte[1]).build());
      byte[] history = layout.historyKey(type, "a");
      byte[] index = layout.indexKey(type, "a");
      assertThat(raw.pttl(history)).isBetween(1L, 100_000L);
      assertThat(raw.pttl(index)).isBetween(1L, 100_000L);
      raw.pexpire(history, 5_000);
      raw.pexpire(index, 5_000);
      store.save(Snapshot.builder(type, "a", 0, new byte[1]).build());
      assertThat(raw.pttl(history)).isGreaterThan(50_000L);
      assertThat(raw.pttl(index)).isGreaterThan(50_000L);
      store.deleteAll(type);
    }
    try (RedisSnapshotStore store = redis.store(); Jedis raw = raw()) {
      store.save(Snapshot.builder(type, "forever", 1, new byte[1]).build());
      assertThat(raw.pttl(layout.historyKey(type, "forever"))).isEqualTo(-1L);
      store.deleteAll(type);
    }
  }

  @Test
  @DisplayName("after SCRIPT FLUSH, save, saveAll, delete and loadAtOrBefore load their scripts again")
  void scriptCacheFlushed() {
    try (RedisSnapshotStore store = redis.store(); Jedis raw = raw()) {
      raw.scriptFlush();
      List<Snapshot> batch = new ArrayList<>();
      for (long v = 10; v >= 1; v--) {
        batch.add(Snapshot.builder(type, "a", v, new byte[] {(byte) v}).build());
      }
      store.saveAll(batch);
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(10L, 9L, 8L, 7L, 6L);
      raw.scriptFlush();
      store.save(Snapshot.builder(type, "a", 11, new byte[1]).build());
      raw.scriptFlush();
      store.delete(type, "a", 9);
      raw.scriptFlush();
      assertThat(store.loadAtOrBefore(type, "a", 9).orElseThrow().version()).isEqualTo(8L);
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(11L, 10L, 8L, 7L);
      store.deleteAll(type);
    }
  }

  @Test
  @DisplayName("a store on the caller's client never closes it; a store on its own client refuses calls once closed")
  void clientOwnership() {
    try (RedisClient client = RedisClient.builder()
        .hostAndPort(redis.host(), redis.port()).clientConfig(redis.clientConfig()).build()) {
      RedisSnapshotStore store = RedisSnapshotStore.create(client);
      store.save(Snapshot.builder(type, "a", 1, new byte[1]).build());
      store.close();
      assertThat(client.ping()).isEqualTo("PONG");
      assertThatThrownBy(() -> store.loadLatest(type, "a")).isInstanceOf(SnapshotStoreException.class)
          .hasMessageContaining("closed");
      RedisSnapshotStore.create(client).deleteAll(type);
    }
  }

  @Test
  @DisplayName("each payload is stored once, as raw bytes, in one history element")
  void payloadStoredOnce() {
    byte[] payload = new byte[10_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    try (RedisSnapshotStore store = redis.store(); Jedis raw = raw()) {
      store.save(Snapshot.builder(type, "a", 1, payload).build());
      byte[] element = raw.lindex(layout.historyKey(type, "a"), 0);
      assertThat(element.length).isBetween(payload.length, payload.length + 100);
      assertThat(indexOf(element, payload)).isPositive();
      assertThat(raw.lindex(layout.indexKey(type, "a"), 0)).hasSize(12);
      assertThat(raw.llen(layout.historyKey(type, "a"))).isEqualTo(1);
      assertThat(raw.keys(("snapshot:{" + type + ":*").getBytes())).hasSize(2);
      store.deleteAll(type);
    }
  }

  @Test
  @DisplayName("bad options fail at once, naming the option")
  void badOptions() {
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().keyPrefix("has space"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().keyPrefix("a*"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().maxPayloadBytes(512 * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().timeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToLive");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().retries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
