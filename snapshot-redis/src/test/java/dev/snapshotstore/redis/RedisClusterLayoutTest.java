package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.testservers.RedisClusterTestServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Where the keys land on a real cluster ({@code SNAPSHOT_TEST_REDIS_CLUSTER_URL}, else three embedded masters). */
class RedisClusterLayoutTest {

  private final RedisClusterTestServer cluster = RedisClusterTestServer.shared();
  private final KeyLayout layout = new KeyLayout("snapshot");

  @Test
  @DisplayName("every key of one stream shares a slot, even with braces and colons in the names; streams spread over every master")
  void oneSlotPerStreamSpreadOverMasters() {
    try (RedisSnapshotStore store = RedisSnapshotStore.create(cluster.client())) {
      String type = "Layout-" + System.nanoTime();
      Map<Integer, Integer> streamsPerMaster = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        String id = i % 3 == 0 ? "{x}" + i : i % 3 == 1 ? "a:b}" + i : "plain-" + i;
        store.save(Snapshot.builder(type, id, 1, new byte[] {(byte) i}).build());
        store.save(Snapshot.builder(type, id, 2, new byte[] {(byte) i}).build());
        String stem = layout.stem(type, id);
        List<byte[]> keys = List.of(layout.latestKey(stem), layout.versionsKey(stem),
            KeyLayout.versionKey(stem, ElementCodec.versionBytes(1)));
        int slot = JedisClusterCRC16.getSlot(keys.get(0));
        int holders = 0;
        for (int n = 0; n < cluster.masters().size(); n++) {
          try (Jedis node = cluster.node(cluster.masters().get(n))) {
            // a node answers EXISTS only for its own slots (MOVED otherwise)
            boolean holdsAll = node.clusterCountKeysInSlot(slot) > 0;
            for (byte[] key : keys) {
              assertThat(node.clusterKeySlot(new String(key, StandardCharsets.US_ASCII))).as("slot of %s", id)
                  .isEqualTo(slot);
              holdsAll = holdsAll && node.exists(key);
            }
            if (holdsAll) {
              holders++;
              streamsPerMaster.merge(n, 1, Integer::sum);
            }
          }
        }
        assertThat(holders).as("masters holding every key of %s", id).isEqualTo(1);
      }
      assertThat(streamsPerMaster).as("streams per master").hasSize(cluster.masters().size());
      assertThat(store.stats(type).streams()).isEqualTo(60);
      assertThat(store.stats(type).snapshots()).isEqualTo(120);
      assertThat(store.listStreams(type, PageRequest.first(1000)).items()).hasSize(60);
      store.deleteAll(type);
      assertThat(store.stats(type).streams()).isZero();
    }
  }
}
