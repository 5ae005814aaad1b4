package dev.snapshotstore.testservers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.snapshotstore.tck.Await;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster of {@code masters} redis-server processes started here: the 16,384 slots split evenly
 * with {@code CLUSTER ADDSLOTS} (6.2 has no {@code ADDSLOTSRANGE}), the nodes joined with {@code CLUSTER MEET},
 * returned once every node reports {@code cluster_state:ok} and knows every other. The one bootstrap shared by
 * the tests, the benchmarks and the examples.
 */
public final class LocalRedisCluster implements AutoCloseable {

  private static final int SLOTS = 16384;
  private static final Duration FORMING_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisProcess> nodes;

  private LocalRedisCluster(List<RedisProcess> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Starts and joins {@code masters} nodes of {@code version}; stops what it started if that fails. */
  public static LocalRedisCluster start(int masters, RedisVersion version) {
    if (masters < 1) {
      throw new IllegalArgumentException("masters must be >= 1 but was " + masters);
    }
    List<RedisProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters; i++) {
        nodes.add(RedisProcess.startClusterNode(version));
      }
      for (int i = 0; i < masters; i++) {
        try (Jedis node = nodes.get(i).client()) {
          node.clusterAddSlots(IntStream.range(i * SLOTS / masters, (i + 1) * SLOTS / masters).toArray());
        }
      }
      try (Jedis first = nodes.get(0).client()) {
        for (RedisProcess other : nodes.subList(1, masters)) {
          first.clusterMeet(other.host(), other.port());
        }
      }
      Await.until("the " + masters + " nodes of the Redis " + version.label() + " cluster to report cluster_state:ok"
          + " and know each other", FORMING_TIMEOUT, () -> formed(nodes));
      return new LocalRedisCluster(nodes);
    } catch (RuntimeException | AssertionError e) {
      nodes.forEach(RedisProcess::kill);
      throw e;
    }
  }

  private static boolean formed(List<RedisProcess> nodes) {
    for (RedisProcess node : nodes) {
      try (Jedis jedis = node.client()) {
        String info = jedis.clusterInfo();
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + nodes.size())) {
          return false;
        }
      }
    }
    return true;
  }

  /** The masters, in the order their slot ranges follow. */
  public List<RedisProcess> nodes() {
    return nodes;
  }

  public List<HostAndPort> endpoints() {
    return nodes.stream().map(node -> new HostAndPort(node.host(), node.port())).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::kill);
  }

  @Override
  public String toString() {
    return "LocalRedisCluster[" + nodes.size() + " masters, Redis " + nodes.get(0).version().label() + ", ports "
        + nodes.stream().map(node -> Integer.toString(node.port())).collect(Collectors.joining(", ")) + "]";
  }
}
