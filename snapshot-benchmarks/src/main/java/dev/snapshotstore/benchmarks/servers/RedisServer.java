package dev.snapshotstore.benchmarks.servers;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

import dev.snapshotstore.testservers.RedisTestServer;
import dev.snapshotstore.testservers.RedisVersion;

/**
 * The Redis a benchmark trial runs against, chosen by the tests' own {@link RedisTestServer}: the server in
 * {@value #URL_VARIABLE} ({@code redis://[[user:]password@]host[:port]}) if set, else a container of the asked
 * version when a Docker engine answers, else a redis-server child process of that version (7.0 or 6.2) from Maven
 * Central binaries, without persistence (the source documents' deployments and ours are compared on the same
 * server, so durability settings cancel out). The benchmarks run both versions side by side.
 */
public final class RedisServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_REDIS_URL";

  private final RedisTestServer server;

  private RedisServer(RedisTestServer server) {
    this.server = server;
  }

  /**
   * A server of {@code version} (the benchmark runs 7.0 and 6.2), unless {@value #URL_VARIABLE} names one, whose
   * version is what it is.
   */
  public static RedisServer start(RedisVersion version) {
    return new RedisServer(RedisTestServer.start(URL_VARIABLE, version));
  }

  /** A pooled client with room for every benchmark thread, as a store opened from a URI builds one. */
  public RedisClient client() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000).socketTimeoutMillis(10_000)
        .user(server.user()).password(server.password());
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    return RedisClient.builder().hostAndPort(server.host(), server.port()).clientConfig(config.build())
        .poolConfig(pool).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
