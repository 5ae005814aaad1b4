package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.tck.Await;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis-specific behaviour the kit cannot see: no payload through Lua, time-to-live on every key, the script cache,
 * client ownership and the binary layout.
 */
class RedisSnapshotStoreBehaviourTest {

  private final TestRedis redis = TestRedis.get();
  private final String type = "behaviour-" + UUID.randomUUID().toString().substring(0, 8);
  private final KeyLayout layout = new KeyLayout("snapshot");

  @AfterEach
  void clean() {
    try (RedisSnapshotStore store = redis.store()) {
      store.deleteAll(type);
    }
  }

  private Set<String> streamKeys(Jedis raw, String id) {
    return raw.keys(layout.stem(type, id) + "*");
  }

  private byte[] versionKey(String id, long version) {
    return KeyLayout.versionKey(layout.stem(type, id), ElementCodec.versionBytes(version));
  }

  @Test
  @DisplayName("no payload enters or leaves Lua: elements travel in plain SET and GET/GETDEL/MGET, scripts see 16-byte entries")
  void noPayloadThroughLua() throws Exception {
    byte[] payload = new byte[100 * 1024];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) ('a' + i % 26);
    }
    String marker = "monitor-" + UUID.randomUUID();
    List<String> lines = new CopyOnWriteArrayList<>();
    Jedis monitor = redis.raw();
    Thread watcher = new Thread(() -> {
      try {
        monitor.monitor(new JedisMonitor() {
          @Override
          public void onCommand(String command) {
            if (command.contains(type) || command.contains(marker)) {
              lines.add(command);
            }
          }
        });
      } catch (JedisException closed) {
        // the test closed the connection: monitoring is over
      }
    }, "redis-monitor");
    watcher.setDaemon(true);
    watcher.start();
    try (Jedis raw = redis.raw(); RedisSnapshotStore store = redis.open("retention=3")) {
      Await.until("MONITOR to report commands", Duration.ofSeconds(10), () -> {
        raw.echo(marker);
        return lines.stream().anyMatch(line -> line.contains(marker));
      });
      store.save(Snapshot.builder(type, "a", 10, payload).build());
      store.save(Snapshot.builder(type, "a", 20, payload).build());
      store.save(Snapshot.builder(type, "a", 15, payload).build());
      store.save(Snapshot.builder(type, "a", 20, payload).build());
      store.saveAll(List.of(Snapshot.builder(type, "a", 30, payload).build(),
          Snapshot.builder(type, "b", 1, payload).build(), Snapshot.builder(type, "a", 5, payload).build()));
      assertThat(store.loadLatest(type, "a").orElseThrow().version()).isEqualTo(30);
      assertThat(store.loadAtOrBefore(type, "a", 19).orElseThrow().payloadEquals(payload)).isTrue();
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(30L, 20L, 15L);
      store.delete(type, "a", 30);
      store.deleteStream(type, "b");
      String last = "last-" + marker;
      Await.until("MONITOR to catch up", Duration.ofSeconds(10), () -> {
        raw.echo(last);
        return lines.stream().anyMatch(line -> line.contains(last));
      });
    } finally {
      monitor.disconnect();
    }
    List<String> scripts = lines.stream().filter(line -> line.contains("\"EVALSHA\"") || line.contains("\"EVAL\"")
        || line.contains(" lua] ")).collect(Collectors.toList());
    List<String> staging = lines.stream().filter(line -> line.contains("\"SET\"") && line.contains(":staging:"))
        .collect(Collectors.toList());
    assertThat(scripts).as("script calls and the commands scripts ran").hasSizeGreaterThan(10)
        .allSatisfy(line -> assertThat(line.length()).as(line.substring(0, Math.min(200, line.length())))
            .isLessThan(2_000));
    assertThat(staging).as("SETs of staging keys: 4 saves and 3 in the batch").hasSize(7)
        .allSatisfy(line -> assertThat(line).hasSizeGreaterThan(payload.length).contains("\"PX\" \"60000\""));
    assertThat(lines).as("the copy for loadAtOrBefore, read back by GETDEL")
        .anyMatch(line -> line.contains(" lua] \"COPY\"")).anyMatch(line -> line.contains("\"GETDEL\""));
  }

  @Test
  @DisplayName("time-to-live is set on every key of a stream and refreshed by every save; without it no key expires")
  void timeToLive() {
    try (RedisSnapshotStore store = redis.open("timeToLive=100s"); Jedis raw = redis.raw()) {
      store.save(Snapshot.builder(type, "a", 1, new byte[1]).build());
      store.save(Snapshot.builder(type, "a", 2, new byte[1]).build());
      Set<String> keys = streamKeys(raw, "a");
      assertThat(keys).hasSize(3);
      for (String key : keys) {
        assertThat(raw.pttl(key)).as("time to live of %s", key).isBetween(1L, 100_000L);
        raw.pexpire(key, 5_000);
      }
      store.save(Snapshot.builder(type, "a", 0, new byte[1]).build());
      assertThat(streamKeys(raw, "a")).hasSize(4);
      for (String key : streamKeys(raw, "a")) {
        assertThat(raw.pttl(key)).as("refreshed time to live of %s", key).isGreaterThan(50_000L);
      }
    }
    try (RedisSnapshotStore store = redis.store(); Jedis raw = redis.raw()) {
      store.save(Snapshot.builder(type, "forever", 1, new byte[1]).build());
      store.save(Snapshot.builder(type, "forever", 2, new byte[1]).build());
      store.save(Snapshot.builder(type, "forever", 0, new byte[1]).build());
      assertThat(streamKeys(raw, "forever")).hasSize(4)
          .allSatisfy(key -> assertThat(raw.pttl(key)).as("time to live of %s", key).isEqualTo(-1L));
    }
  }

  @Test
  @DisplayName("after SCRIPT FLUSH, every operation loads its script again; a batch with one version twice keeps the last")
  void scriptCacheFlushed() {
    try (RedisSnapshotStore store = redis.store(); Jedis raw = redis.raw()) {
      raw.scriptFlush();
      List<Snapshot> batch = new ArrayList<>();
      for (long v = 10; v >= 1; v--) {
        batch.add(Snapshot.builder(type, "a", v, new byte[] {(byte) v}).build());
      }
      batch.add(Snapshot.builder(type, "a", 9, new byte[] {99}).build());
      batch.add(Snapshot.builder(type, "a", 9, new byte[] {98}).build());
      store.saveAll(batch);
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(10L, 9L, 8L, 7L, 6L);
      assertThat(store.loadAtOrBefore(type, "a", 9).orElseThrow().payload()).containsExactly(98);
      raw.scriptFlush();
      store.save(Snapshot.builder(type, "a", 11, new byte[1]).build());
      raw.scriptFlush();
      store.delete(type, "a", 9);
      raw.scriptFlush();
      assertThat(store.loadAtOrBefore(type, "a", 9).orElseThrow().version()).isEqualTo(8L);
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(11L, 10L, 8L, 7L);
      raw.scriptFlush();
      store.deleteStream(type, "a");
      assertThat(store.history(type, "a")).isEmpty();
    }
  }

  @Test
  @DisplayName("a store on the caller's client never closes it; a closed store refuses calls with StoreClosedException")
  void clientOwnership() {
    try (RedisClient client = redis.client()) {
      RedisSnapshotStore store = RedisSnapshotStore.create(client);
      store.save(Snapshot.builder(type, "a", 1, new byte[1]).build());
      store.close();
      assertThat(client.ping()).isEqualTo("PONG");
      assertThatThrownBy(() -> store.loadLatest(type, "a")).isInstanceOf(StoreClosedException.class);
      assertThat(store.backend()).isEqualTo("Redis");
      assertThat(store.limits().maxKeyLength()).isEqualTo(RedisSnapshotStore.MAX_KEY_LENGTH);
    }
  }

  @Test
  @DisplayName("each payload is stored once, as raw bytes, in one key per version; no staging or scratch key stays")
  void payloadStoredOnce() {
    byte[] payload = new byte[10_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    try (RedisSnapshotStore store = redis.store(); Jedis raw = redis.raw()) {
      store.save(Snapshot.builder(type, "a", 1, payload).build());
      String stem = layout.stem(type, "a");
      byte[] element = raw.get(layout.latestKey(stem));
      assertThat(element.length).isBetween(payload.length, payload.length + 100);
      assertThat(indexOf(element, payload)).isPositive();
      assertThat(streamKeys(raw, "a")).containsExactlyInAnyOrder(stem + "latest", stem + "versions");
      store.save(Snapshot.builder(type, "a", 2, payload).build());
      store.loadAtOrBefore(type, "a", 1);
      store.history(type, "a");
      assertThat(raw.get(versionKey("a", 1))).isNotNull();
      assertThat(raw.zrange(layout.versionsKey(stem), 0, -1)).hasSize(2)
          .allSatisfy(member -> assertThat(member).hasSize(ElementCodec.MEMBER_BYTES));
      assertThat(streamKeys(raw, "a")).containsExactlyInAnyOrder(stem + "latest", stem + "versions",
          new String(versionKey("a", 1), StandardCharsets.US_ASCII));
    }
  }

  @Test
  @DisplayName("bad options fail at once, naming the option")
  void badOptions() {
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().keyPrefix("has space"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().keyPrefix("a*"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().maxPayloadBytes(512 * 1024 * 1024).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().timeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToLive");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().retries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries");
    assertThatThrownBy(() -> RedisSnapshotStoreOptions.builder().retention(Retention.unlimited())
        .timeToLive(Duration.ofHours(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToLive").hasMessageContaining("retention");
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
