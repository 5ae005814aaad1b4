package dev.snapshotstore.redis;

import java.time.Duration;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;
import dev.snapshotstore.testservers.RedisTestServer;
import dev.snapshotstore.testservers.RedisVersion;

/**
 * The whole kit once more on Redis 6.2, the oldest version we support, while every other test runs on 7.0 (or
 * the server in {@code SNAPSHOT_TEST_REDIS_URL}). It owns its server, whatever that variable says: the point is
 * the version.
 */
class Redis62CompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static final Duration CONNECT = Duration.ofMillis(500);
  private static final Duration OPERATION = Duration.ofSeconds(5);
  private static TestRedis redis;
  private static TcpProxy proxy;

  private static synchronized TcpProxy proxy() {
    if (proxy == null) {
      RedisTestServer server = RedisTestServer.embedded(RedisVersion.V6_2);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-redis-6.2"));
      redis = new TestRedis(server);
      proxy = TcpProxy.start(redis.host(), redis.port(), CONNECT.multipliedBy(3 * 2).plusSeconds(3));
    }
    return proxy;
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    TcpProxy through = proxy();
    return RedisSnapshotStore.open(redis.uri(through.host(), through.port(),
        TestRedis.kitOptions(config) + "&" + TestRedis.timeouts(CONNECT, OPERATION, 1)));
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis")
        .maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH)
        .outage(proxy())
        .build();
  }
}
