package dev.snapshotstore.benchmarks.servers;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

import dev.snapshotstore.testservers.RedisProcess;

/**
 * The Redis a benchmark trial runs against: {@value #URL_VARIABLE} ({@code redis://[[user:]password@]host[:port]})
 * if set, else a redis-server child process from the embedded-redis artifact, without persistence (the source
 * documents' deployments and ours are compared on the same server, so durability settings cancel out).
 */
public final class RedisServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_REDIS_URL";

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable RedisProcess process;

  private RedisServer(String host, int port, @Nullable String user, @Nullable String password,
      @Nullable RedisProcess process) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.process = process;
  }

  public static RedisServer start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.trim());
      String userInfo = uri.getUserInfo();
      String user = null;
      String password = null;
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        user = colon <= 0 ? null : userInfo.substring(0, colon);
        password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
      }
      return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password, null);
    }
    RedisProcess process = RedisProcess.start();
    return new RedisServer(process.host(), process.port(), null, null, process);
  }

  /** A pooled client with room for every benchmark thread, as {@code RedisSnapshotStore.connect} builds it. */
  public RedisClient client() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000).socketTimeoutMillis(10_000);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    return RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).poolConfig(pool).build();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
