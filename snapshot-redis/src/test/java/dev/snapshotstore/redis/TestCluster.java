package dev.snapshotstore.redis;

import dev.snapshotstore.testservers.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * A real three-master Redis Cluster of embedded redis-server processes, started once per JVM: slots split in
 * three with CLUSTER ADDSLOTS (6.2 has no ADDSLOTSRANGE), nodes joined with CLUSTER MEET.
 */
final class TestCluster {

  static final int MASTERS = 3;
  private static final int SLOTS = 16384;

  private static TestCluster shared;

  private final List<RedisProcess> nodes;
  private final RedisClusterClient client;

  private TestCluster(List<RedisProcess> nodes, RedisClusterClient client) {
    this.nodes = nodes;
    this.client = client;
  }

  static synchronized TestCluster get() {
    if (shared == null) {
      shared = start();
      System.out.println("snapshot-redis cluster tests run against 3 embedded masters on ports "
          + shared.nodes.stream().map(n -> Integer.toString(n.port())).collect(Collectors.joining(", ")));
    }
    return shared;
  }

  private static TestCluster start() {
    List<RedisProcess> nodes = new ArrayList<>();
    for (int i = 0; i < MASTERS; i++) {
      nodes.add(RedisProcess.startClusterNode());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(RedisProcess::kill)));
    for (int i = 0; i < MASTERS; i++) {
      int from = i * SLOTS / MASTERS;
      int to = (i + 1) * SLOTS / MASTERS;
      try (Jedis node = nodes.get(i).client()) {
        node.clusterAddSlots(IntStream.range(from, to).toArray());
      }
    }
    try (Jedis first = nodes.get(0).client()) {
      for (RedisProcess other : nodes.subList(1, MASTERS)) {
        first.clusterMeet(other.host(), other.port());
      }
    }
    awaitClusterOk(nodes);
    Set<HostAndPort> seeds = nodes.stream().map(n -> new HostAndPort(n.host(), n.port())).collect(Collectors.toSet());
    RedisClusterClient client = RedisClusterClient.builder()
        .nodes(seeds)
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000).build())
        .maxAttempts(5)
        .build();
    return new TestCluster(nodes, client);
  }

  private static void awaitClusterOk(List<RedisProcess> nodes) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      boolean ok = true;
      for (RedisProcess node : nodes) {
        try (Jedis jedis = node.client()) {
          String info = jedis.clusterInfo();
          ok &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS);
        }
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the embedded cluster did not reach cluster_state:ok within 30 s");
      }
      RedisProcess.sleep(100);
    }
  }

  /** The shared client; tests never close it. */
  RedisClusterClient client() {
    return client;
  }

  List<RedisProcess> nodes() {
    return nodes;
  }
}
