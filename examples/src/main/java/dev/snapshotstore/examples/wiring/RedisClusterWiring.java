package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import dev.snapshotstore.redis.RedisSnapshotStore;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * Redis Cluster: the same store on a {@link RedisClusterClient}. Both keys of a stream share one hash tag, so
 * each stream lives on one master and every save stays one atomic script call; streams spread over the masters.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.RedisClusterWiring
 * [-Dexec.args="10.0.0.1:7000 10.0.0.2:7000 10.0.0.3:7000"]}; without nodes it starts an embedded
 * three-master cluster.
 */
public final class RedisClusterWiring {

  private RedisClusterWiring() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      run(Arrays.stream(args).flatMap(a -> Arrays.stream(a.split(","))).map(String::trim)
          .filter(a -> !a.isEmpty()).map(HostAndPort::from).collect(Collectors.toSet()), System.out);
      return;
    }
    try (EmbeddedServer cluster = EmbeddedServers.redisCluster(3, System.out)) {
      run(cluster.endpoints().stream().map(HostAndPort::from).collect(Collectors.toSet()), System.out);
    }
  }

  /**
   * Saves one snapshot of each of 30 accounts (type ExampleAccount, emptied first); returns, per seed node, how
   * many keys of those streams it holds.
   */
  public static Map<String, Long> run(Set<HostAndPort> seedNodes, PrintStream out) {
    try (RedisClusterClient cluster = RedisClusterClient.builder()
        .nodes(seedNodes)                          // any reachable nodes; the client learns the rest
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(2000).build())
        .maxAttempts(5)                            // follows MOVED/ASK redirections during resharding
        .build()) {
      try (RedisSnapshotStore store = RedisSnapshotStore.create(cluster)) {
        store.deleteAll("ExampleAccount");
        for (int i = 1; i <= 30; i++) {
          store.save(Snapshot.builder("ExampleAccount", "acc-" + i, 1, "{\"balance\":0}".getBytes(StandardCharsets.UTF_8))
              .build());
        }
        SnapshotStats stats = store.stats("ExampleAccount");   // counts over every master
        out.println("ExampleAccount streams across the cluster: " + stats.streams() + ", snapshots: " + stats.snapshots());
      }
      Map<String, Long> keysPerNode = new LinkedHashMap<>();
      for (HostAndPort node : seedNodes.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList()) {
        try (Jedis jedis = new Jedis(node)) {
          // KEYS is fine on a demo cluster, never in production; a stream's keys share its hash tag
          keysPerNode.put(node.toString(), (long) jedis.keys("snapshot:{ExampleAccount:*").size());
        }
      }
      out.println("keys of ExampleAccount streams per node (all keys of one stream on one node): " + keysPerNode);
      return keysPerNode;
    }
  }
}
