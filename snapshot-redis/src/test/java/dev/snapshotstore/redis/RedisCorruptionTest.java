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
import dev.snapshotstore.redis.internal.KeyLayout;
import redis.clients.jedis.Jedis;

/** Bytes damaged in Redis itself are reported as corrupt, naming stream and version; the rest stays readable. */
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

  private void damage(String id, int position, byte[] replacement) {
    try (Jedis jedis = redis.raw()) {
      jedis.lset(layout.historyKey(type, id), position, replacement);
    }
  }

  private byte[] element(String id, int position) {
    try (Jedis jedis = redis.raw()) {
      return jedis.lindex(layout.historyKey(type, id), position);
    }
  }

  private void saveThree(String id) {
    for (long v = 1; v <= 3; v++) {
      store.save(Snapshot.builder(type, id, v, ("payload-" + v).getBytes()).build());
    }
  }

  @Test
  @DisplayName("garbage in the middle element: that version is corrupt, the others load")
  void garbageElement() {
    saveThree("a");
    damage("a", 1, new byte[] {(byte) 0xFF, 1, 2, 3});
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
    byte[] original = element("b", 0);
    byte[] flipped = original.clone();
    flipped[flipped.length - 6] ^= 0x01;
    damage("b", 0, flipped);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3").hasMessageContaining("checksum");
    damage("b", 0, Arrays.copyOf(original, original.length - 10));
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3");
    byte[] future = original.clone();
    future[0] = 9;
    damage("b", 0, future);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("format 9");
    damage("b", 0, new byte[0]);
    assertThatThrownBy(() -> store.loadLatest(type, "b"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/b@3");
    assertThat(store.loadAtOrBefore(type, "b", 2).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  @DisplayName("an element moved to another version's place is caught by the index check")
  void swappedElements() {
    saveThree("c");
    byte[] newest = element("c", 0);
    damage("c", 1, newest);
    assertThatThrownBy(() -> store.loadAtOrBefore(type, "c", 2))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(type + "/c@2");
  }

  @Test
  @DisplayName("after a corrupt version is replaced by a new save, the stream reads cleanly again")
  void repairBySaving() {
    saveThree("d");
    damage("d", 1, new byte[] {1, 2});
    store.save(Snapshot.builder(type, "d", 2, "repaired".getBytes()).build());
    assertThat(store.history(type, "d")).extracting(Snapshot::version).containsExactly(3L, 2L, 1L);
    assertThat(store.loadAtOrBefore(type, "d", 2).orElseThrow().payload()).isEqualTo("repaired".getBytes());
  }
}
