package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import dev.snapshotstore.redis.RedisSnapshotStore;
import dev.snapshotstore.redis.RedisSnapshotStoreOptions;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Redis through the application's own pooled Jedis client: the store shares the client (and its pool, timeouts
 * and credentials) and never closes it.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.RedisWithPooledClient [-Dexec.args="localhost:6379"]};
 * without an address it starts an embedded Redis.
 */
public final class RedisWithPooledClient {

  private RedisWithPooledClient() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      run(HostAndPort.from(args[0]), System.out);
      return;
    }
    try (EmbeddedServer redis = EmbeddedServers.redis(System.out)) {
      run(HostAndPort.from(redis.endpoints().get(0)), System.out);
    }
  }

  /** Saves two snapshots under the key prefix {@code shop} and returns the Redis keys the store wrote. */
  public static Set<String> run(HostAndPort address, PrintStream out) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(32);
    pool.setMaxWait(Duration.ofSeconds(1));
    try (RedisClient jedis = RedisClient.builder()
        .hostAndPort(address)
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(2000).build())
        .poolConfig(pool)
        .build()) {
      RedisSnapshotStoreOptions options = RedisSnapshotStoreOptions.builder()
          .keyPrefix("shop")
          .retention(Retention.keepLast(2))
          .timeToLive(Duration.ofDays(30))   // streams nobody saves for a month expire
          .build();
      try (RedisSnapshotStore store = RedisSnapshotStore.create(jedis, options)) {
        store.deleteStream("Cart", "example-cart-7");
        for (long version : List.of(3L, 8L)) {
          store.save(Snapshot.builder("Cart", "example-cart-7", version, ("{\"items\":" + version + "}")
              .getBytes(StandardCharsets.UTF_8)).build());
        }
        out.println("latest example-cart-7: version " + store.loadLatest("Cart", "example-cart-7").orElseThrow().version());
      }
      // the store is closed, the application's client is not
      Set<String> keys = new TreeSet<>(jedis.keys("shop:*"));   // KEYS is fine on a demo server, never in production
      out.println("keys written: " + keys + "; client still answers PING: " + jedis.ping());
      return keys;
    }
  }
}
