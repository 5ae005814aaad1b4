package dev.snapshotstore.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreFaultKit;
import dev.snapshotstore.tck.TcpProxy;

/** The fault kit (slow link, half-open connection, resets mid-save) between the store and a real Redis. */
class RedisSnapshotStoreFaultTest extends SnapshotStoreFaultKit {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final int RETRIES = 1;
  private static TcpProxy proxy;

  private static synchronized TcpProxy proxy() {
    if (proxy == null) {
      proxy = TcpProxy.start(TestRedis.get().host(), TestRedis.get().port(),
          TestRedis.worstCaseFailure(TIMEOUT, TIMEOUT, RETRIES).plusSeconds(2));
    }
    return proxy;
  }

  @AfterAll
  static void closeProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return RedisSnapshotStore.open(TestRedis.get().uri(proxy().host(), proxy().port(),
        TestRedis.kitOptions(config) + "&" + TestRedis.timeouts(TIMEOUT, TIMEOUT, RETRIES)));
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis").maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH)
        .networkFaults(proxy()).build();
  }
}
