package dev.snapshotstore.testservers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * A Redis Cluster to test against: the cluster one of whose nodes {@value #URL_VARIABLE} names
 * ({@code redis://[user:password@]host:port}; its masters are read from {@code CLUSTER NODES}, so the addresses
 * they announce must be reachable from here), else a three-master {@link LocalRedisCluster} of
 * {@link RedisVersion#DEFAULT} started here. There is no Testcontainers step: cluster nodes announce their own
 * addresses, which a container's mapped ports do not match, and the binaries this module ships run on every
 * machine Docker images do here.
 */
public final class RedisClusterTestServer {

  public static final String URL_VARIABLE = "SNAPSHOT_TEST_REDIS_CLUSTER_URL";
  /** Masters of the cluster started here. */
  public static final int MASTERS = 3;

  private static @Nullable RedisClusterTestServer shared;

  private final List<HostAndPort> masters;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String description;
  private final RedisClusterClient client;

  private RedisClusterTestServer(List<HostAndPort> masters, @Nullable String user, @Nullable String password,
      String description) {
    this.masters = List.copyOf(masters);
    this.user = user;
    this.password = password;
    this.description = description;
    this.client = RedisClusterClient.builder()
        .nodes(Set.copyOf(masters))
        .clientConfig(DefaultJedisClientConfig.builder().user(user).password(password)
            .connectionTimeoutMillis(2000).socketTimeoutMillis(5000).build())
        .maxAttempts(5)
        .build();
  }

  /** The cluster every test of this JVM shares; one started here is stopped at exit. */
  public static synchronized RedisClusterTestServer shared() {
    if (shared == null) {
      String url = System.getenv(URL_VARIABLE);
      RedisClusterTestServer server;
      if (url != null && !url.isBlank()) {
        server = fromUrl(url.trim(), URL_VARIABLE);
      } else {
        LocalRedisCluster cluster = LocalRedisCluster.start(MASTERS, RedisVersion.DEFAULT);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-shared-redis-cluster"));
        server = new RedisClusterTestServer(cluster.endpoints(), null, null, "embedded " + cluster);
      }
      System.out.println("Redis Cluster tests run against " + server.description());
      shared = server;
    }
    return shared;
  }

  /** The cluster a node's URL names; its masters as {@code CLUSTER NODES} lists them. */
  public static RedisClusterTestServer fromUrl(String url, String source) {
    RedisTestServer seed = RedisTestServer.fromUrl(url, source);
    List<HostAndPort> masters = new ArrayList<>();
    try (Jedis jedis = seed.client()) {
      for (String line : jedis.clusterNodes().split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 3 || !fields[2].contains("master") || fields[2].contains("fail")) {
          continue;
        }
        String address = fields[1].split("[@,]")[0];
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        masters.add(new HostAndPort(host.isEmpty() ? URI.create(url).getHost() : host,
            Integer.parseInt(address.substring(colon + 1))));
      }
    }
    if (masters.isEmpty()) {
      throw new IllegalStateException(source + " names a node whose CLUSTER NODES lists no master");
    }
    masters.sort((a, b) -> a.toString().compareTo(b.toString()));
    return new RedisClusterTestServer(masters, seed.user(), seed.password(),
        "the cluster in " + source + " (" + masters.size() + " masters)");
  }

  /** Every master's address. */
  public List<HostAndPort> masters() {
    return masters;
  }

  public @Nullable String user() {
    return user;
  }

  public @Nullable String password() {
    return password;
  }

  public String description() {
    return description;
  }

  /** Client settings with the cluster's credentials; tests add their own timeouts. */
  public DefaultJedisClientConfig.Builder clientConfig() {
    return DefaultJedisClientConfig.builder().user(user).password(password);
  }

  /** An authenticated client of one node; the caller closes it. */
  public Jedis node(HostAndPort node) {
    return new Jedis(node, clientConfig().build());
  }

  /** The shared cluster client; tests never close it. */
  public RedisClusterClient client() {
    return client;
  }
}
