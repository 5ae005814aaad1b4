package dev.snapshotstore.redis;

import java.time.Duration;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;

/** The whole kit on a standalone Redis, reached through a proxy that rule R13 cuts. */
class RedisSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static TcpProxy proxy;

  private static synchronized TcpProxy proxy() {
    if (proxy == null) {
      TestRedis redis = TestRedis.get();
      // each attempt may wait for the pool, connect and read; two attempts, and slack for a loaded machine
      proxy = TcpProxy.start(redis.host(), redis.port(), TIMEOUT.multipliedBy(3 * 2).plusSeconds(3));
    }
    return proxy;
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return RedisSnapshotStore.connect(proxy().host(), proxy().port(), TestRedis.get().options()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .connectTimeout(TIMEOUT)
        .socketTimeout(Duration.ofSeconds(5))
        .poolMaxWait(TIMEOUT)
        .retries(1)
        .build());
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis")
        .maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH)
        .outage(proxy())
        .build();
  }
}
