package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.KeyLayout;
import redis.clients.jedis.Jedis;

/**
 * Bytes damaged or lost in Redis itself are reported as corrupt, naming stream and version; the rest of the
 * stream stays readable, and saving the version again repairs it.
 */
class RedisCorruptionTest {

  private final TestRedis redis = TestRedis.get();
  private final RedisSnapshotStore store = redis.store();
  private final KeyLayout layout = new KeyLayout("snapshot");
  private final String type = "corrupt-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    store.deleteAll(type);
    store.close();
  }

  /** {@code latest} for the newest version, {@code v:<16 hex>} for the others. */
  private byte[] key(String id, long version) {
    String stem = layout.stem(type, id);
    return version == 3 ? layout.latestKey(stem) : KeyLayout.versionKey(stem, ElementCodec.versionBytes(version));
  }

  private void damage(String id, long version, byte[] replacement) {
    try (Jedis jedis = redis.raw()) {
      jedis.set(key(id, version), replacement);
    }
  }

  private byte[] element(String id, long version) {
    try (Jedis jedis = redis.raw()) {
      return jedis.get(key(id, version));
    }
  }

  private void saveThree(String id) {
    for (long v = 1; v <= 3; v++) {
      store.save(Snapshot.builder(type, id, v, ("payload-" + v).getBytes()).build());
    }
    assertThat(element(id, 1)).as("the layout: version 1 at its version key").isNotNull();
  }

  @Test
  @DisplayName("garbage in an older version's key: that version is corrupt, the others load")
  void garbageElement() {
    saveThree("a");
    damage("a", 2, new byte[] {(byte) 0xFF, 1, 2, 3});
    assertThatThrownBy(() -> store.loadAtOrBefore(type, "a", 2))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining(type + "/a@2")
        .satisfies(e -> assertThat(((CorruptSnapshotException) e).version()).isEqualTo(2));
    assertThatThrownBy(() -> store.history(type, "a"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/a@2");
    assertThat(store.loadLatest(type, "a").orElseThrow().payload()).isEqualTo("payload-3".getBytes());
    assertThat(store.loadAtOrBefore(type, "a", 1).orElseThrow().payload()).isEqualTo("payload-1".getBytes());
  }

  @Test
  @DisplayName("one flipped payload byte, a truncated element, an unknown format and an empty element are each caught")
  void subtleDamage() {
    saveThree("b");
    byte[] original = element("b", 3);
    byte[] flipped = original.clone();
    flipped[flipped.length - 6] ^= 0x01;
    damage("b", 3, flipped);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3").hasMessageContaining("checksum");
    damage("b", 3, Arrays.copyOf(original, original.length - 10));
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3");
    byte[] future = original.clone();
    future[0] = 9;
    damage("b", 3, future);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("format 9");
    damage("b", 3, new byte[0]);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3");
    assertThat(store.loadAtOrBefore(type, "b", 2).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  @DisplayName("an intact element under another version's key is caught: it is not the one the versions set lists")
  void swappedElements() {
    saveThree("c");
    damage("c", 2, element("c", 3));
    assertThatThrownBy(() -> store.loadAtOrBefore(type, "c", 2))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/c@2");
    assertThatThrownBy(() -> store.history(type, "c"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/c@2");
  }

  @Test
  @DisplayName("a listed version whose key is gone (evicted) is reported as corrupt and missing")
  void missingElement() {
    saveThree("e");
    try (Jedis jedis = redis.raw()) {
      jedis.del(key("e", 2));
    }
    assertThatThrownBy(() -> store.loadAtOrBefore(type, "e", 2))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/e@2").hasMessageContaining("missing");
    assertThatThrownBy(() -> store.history(type, "e"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/e@2").hasMessageContaining("missing");
    assertThat(store.loadLatest(type, "e").orElseThrow().version()).isEqualTo(3);
  }

  @Test
  @DisplayName("after a corrupt version is replaced by a new save, the stream reads cleanly again")
  void repairBySaving() {
    saveThree("d");
    damage("d", 2, new byte[] {1, 2});
    store.save(Snapshot.builder(type, "d", 2, "repaired".getBytes()).build());
    assertThat(store.history(type, "d")).extracting(Snapshot::version).containsExactly(3L, 2L, 1L);
    assertThat(store.loadAtOrBefore(type, "d", 2).orElseThrow().payload()).isEqualTo("repaired".getBytes());
  }
}
