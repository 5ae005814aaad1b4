package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.testservers.RedisClusterTestServer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;

/** The clients deprecated in Jedis 7 but still common: JedisPooled and JedisCluster. */
@SuppressWarnings("deprecation")
class RedisLegacyClientsTest {

  private final String type = "legacy-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @DisplayName("a store on a caller's JedisPooled works and leaves the client open")
  void jedisPooled() {
    try (JedisPooled client = new JedisPooled(
        new HostAndPort(TestRedis.get().host(), TestRedis.get().port()), TestRedis.get().clientConfig())) {
      RedisSnapshotStore store = RedisSnapshotStore.create(client);
      store.save(Snapshot.builder(type, "a", 2, new byte[] {2}).build());
      store.save(Snapshot.builder(type, "a", 1, new byte[] {1}).build());
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(2L, 1L);
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(1, 2, 2));
      store.close();
      assertThat(client.ping()).isEqualTo("PONG");
      RedisSnapshotStore.create(client).deleteAll(type);
    }
  }

  @Test
  @DisplayName("a store on a caller's JedisCluster lists, counts and deletes the streams of a type on every master")
  void jedisCluster() {
    RedisClusterTestServer cluster = RedisClusterTestServer.shared();
    try (JedisCluster client = new JedisCluster(Set.copyOf(cluster.masters()), cluster.clientConfig().build())) {
      RedisSnapshotStore store = RedisSnapshotStore.create(client);
      assertThat(store.toString()).contains("cluster");
      for (int i = 0; i < 30; i++) {
        store.save(Snapshot.builder(type, "s" + i, 1, new byte[] {(byte) i}).build());
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(30, 30, 30));
      assertThat(store.listStreams(type, PageRequest.first(100)).items()).hasSize(30);
      store.deleteAll(type);
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
      assertThat(store.listTypes(PageRequest.first(10_000)).items()).doesNotContain(type);
      store.close();
      assertThat(client.getClusterNodes()).isNotEmpty();
    }
  }
}
