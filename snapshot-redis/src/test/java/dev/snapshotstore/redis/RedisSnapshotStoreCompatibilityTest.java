package dev.snapshotstore.redis;

import java.time.Duration;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;

/** The whole kit on a standalone Redis, reached through a proxy that rules R13 and R14 cut. */
class RedisSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static final Duration CONNECT = Duration.ofMillis(500);
  private static final Duration OPERATION = Duration.ofSeconds(5);
  private static TcpProxy proxy;

  private static synchronized TcpProxy proxy() {
    if (proxy == null) {
      TestRedis redis = TestRedis.get();
      // a cut closes the connections, so a call fails at its first read or connect: two attempts, and slack
      proxy = TcpProxy.start(redis.host(), redis.port(), CONNECT.multipliedBy(3 * 2).plusSeconds(3));
    }
    return proxy;
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return RedisSnapshotStore.open(TestRedis.get().uri(proxy().host(), proxy().port(),
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
