package dev.snapshotstore.redis;

import dev.snapshotstore.testservers.RedisClusterTestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.Outage;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * The whole kit again on a real Redis Cluster ({@code SNAPSHOT_TEST_REDIS_CLUSTER_URL}, else three embedded
 * Redis 7.0 masters), through a caller-owned cluster client. Each master
 * sits behind its own proxy (the client maps the addresses the cluster announces onto them), so rule R13
 * cuts the whole cluster.
 */
class RedisClusterCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final int MAX_ATTEMPTS = 2;
  /** Jedis spreads a failing call's retries over this; it bounds how long one call can take. */
  private static final Duration RETRY_BUDGET = Duration.ofMillis(800);
  private static ProxiedCluster proxied;

  private static synchronized ProxiedCluster proxied() {
    if (proxied == null) {
      proxied = new ProxiedCluster(RedisClusterTestServer.shared());
    }
    return proxied;
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return RedisSnapshotStore.create(proxied().client, config.applyTo(RedisSnapshotStoreOptions.builder())
        .retries(0) // the cluster client retries on its own
        .build());
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis")
        .maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH)
        .outage(proxied())
        .build();
  }

  /** Three proxies, one per master, cut and restored together. */
  private static final class ProxiedCluster implements Outage {
    private final List<TcpProxy> proxies;
    private final RedisClusterClient client;
    private final Duration failureBound;

    ProxiedCluster(RedisClusterTestServer cluster) {
      // the retry budget, one more connect and read, and slack for a loaded machine
      this.failureBound = RETRY_BUDGET.plus(TIMEOUT.multipliedBy(2)).plusSeconds(3);
      Map<HostAndPort, HostAndPort> toProxy = new HashMap<>();
      this.proxies = cluster.masters().stream().map(node -> {
        TcpProxy proxy = TcpProxy.start(node.getHost(), node.getPort(), failureBound);
        toProxy.put(node, new HostAndPort(proxy.host(), proxy.port()));
        return proxy;
      }).toList();
      Set<HostAndPort> seeds = Set.copyOf(toProxy.values());
      this.client = RedisClusterClient.builder()
          .nodes(seeds)
          .clientConfig(cluster.clientConfig()
              .connectionTimeoutMillis((int) TIMEOUT.toMillis())
              .socketTimeoutMillis((int) Duration.ofSeconds(5).toMillis())
              .hostAndPortMapper(announced -> toProxy.getOrDefault(announced, announced))
              .build())
          .maxAttempts(MAX_ATTEMPTS)
          .maxTotalRetriesDuration(RETRY_BUDGET)
          .build();
      System.out.println("cluster kit through proxies " + proxies.stream()
          .map(p -> Integer.toString(p.port())).collect(Collectors.joining(", ")));
    }

    @Override
    public void cut() {
      proxies.forEach(TcpProxy::cut);
    }

    @Override
    public void restore() {
      proxies.forEach(TcpProxy::restore);
      // The client is shared by every test of the class, and the cut left its idle pooled connections dead. Single
      // commands notice and retry, but a cluster pipeline takes one connection per node and fails on a dead one
      // (RedisFailures maps that to unavailable, retried by the store's retries, which are 0 here). So the next
      // test starts with fresh connections, as it would on a client of its own.
      client.getClusterNodes().values().forEach(ConnectionPool::clear);
    }

    @Override
    public Duration failureBound() {
      return failureBound;
    }
  }
}
