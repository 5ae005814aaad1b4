package dev.snapshotstore.redis;

import dev.snapshotstore.testservers.RedisClusterTestServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.redis.internal.KeyLayout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Where the keys land on a real cluster ({@code SNAPSHOT_TEST_REDIS_CLUSTER_URL}, else three embedded masters). */
class RedisClusterLayoutTest {

  private final RedisClusterTestServer cluster = RedisClusterTestServer.shared();
  private final KeyLayout layout = new KeyLayout("snapshot");

  @Test
  @DisplayName("the keys of one stream share a slot, even with braces and colons in the names; streams spread over every master")
  void oneSlotPerStreamSpreadOverMasters() {
    try (RedisSnapshotStore store = RedisSnapshotStore.create(cluster.client())) {
      String type = "Layout-" + System.nanoTime();
      Map<Integer, Integer> streamsPerMaster = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        String id = i % 3 == 0 ? "{x}" + i : i % 3 == 1 ? "a:b}" + i : "plain-" + i;
        store.save(Snapshot.builder(type, id, 1, new byte[] {(byte) i}).build());
        byte[] history = layout.historyKey(type, id);
        byte[] index = layout.indexKey(type, id);
        assertThat(JedisClusterCRC16.getSlot(history)).as("slot of %s", id).isEqualTo(JedisClusterCRC16.getSlot(index));
        int holders = 0;
        for (int n = 0; n < cluster.masters().size(); n++) {
          try (Jedis node = cluster.node(cluster.masters().get(n))) {
            long slot = node.clusterKeySlot(new String(history, java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(slot).isEqualTo(JedisClusterCRC16.getSlot(history));
            if (node.clusterCountKeysInSlot((int) slot) > 0 && node.exists(history) && node.exists(index)) {
              holders++;
              streamsPerMaster.merge(n, 1, Integer::sum);
            }
          }
        }
        assertThat(holders).as("masters holding both keys of %s", id).isEqualTo(1);
      }
      assertThat(streamsPerMaster).as("streams per master").hasSize(cluster.masters().size());
      assertThat(store.stats(type).streams()).isEqualTo(60);
      store.deleteAll(type);
      assertThat(store.stats(type).streams()).isZero();
    }
  }
}
