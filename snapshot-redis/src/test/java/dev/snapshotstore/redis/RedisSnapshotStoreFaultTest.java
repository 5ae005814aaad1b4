package dev.snapshotstore.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.SnapshotStoreFaultKit;
import dev.snapshotstore.tck.TcpProxy;

/** The fault kit (slow link, half-open connection, resets mid-save) between the store and a real Redis. */
class RedisSnapshotStoreFaultTest extends SnapshotStoreFaultKit {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final RedisSnapshotStoreOptions OPTIONS = TestRedis.get().options()
      .retention(Retention.unlimited())
      .connectTimeout(TIMEOUT)
      .socketTimeout(TIMEOUT)
      .poolMaxWait(TIMEOUT)
      .retries(1)
      .build();
  private static TcpProxy proxy;

  @Override
  protected synchronized TcpProxy proxy() {
    if (proxy == null) {
      proxy = TcpProxy.start(TestRedis.get().host(), TestRedis.get().port(), failureBound());
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
  protected SnapshotStore createStore() {
    return RedisSnapshotStore.connect(proxy().host(), proxy().port(), OPTIONS);
  }

  @Override
  protected String backendName() {
    return "Redis";
  }

  @Override
  protected Duration failureBound() {
    return OPTIONS.worstCaseFailureTime().plusSeconds(2);
  }
}
