package dev.snapshotstore.redis;

import dev.snapshotstore.testservers.RedisTestServer;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * The store-side helpers on a test Redis; which server it is (the URL in {@code SNAPSHOT_TEST_REDIS_URL}, else
 * Docker, else an embedded Redis 7.0) is decided by {@link RedisTestServer}, the one place for it.
 */
final class TestRedis {

  private static TestRedis shared;

  private final RedisTestServer server;

  TestRedis(RedisTestServer server) {
    this.server = server;
  }

  /** The Redis every test of this JVM shares. */
  static synchronized TestRedis get() {
    if (shared == null) {
      shared = new TestRedis(RedisTestServer.shared());
    }
    return shared;
  }

  String host() {
    return server.host();
  }

  int port() {
    return server.port();
  }

  /** Store options with the server's credentials; tests add their own settings. */
  RedisSnapshotStoreOptions.Builder options() {
    return RedisSnapshotStoreOptions.builder().user(server.user()).password(server.password());
  }

  /** A store on the server with default options. */
  RedisSnapshotStore store() {
    return RedisSnapshotStore.connect(host(), port(), options().build());
  }

  /** Client settings with the server's credentials, for tests that build their own Jedis client. */
  DefaultJedisClientConfig clientConfig() {
    return server.clientConfig();
  }

  /** A plain, authenticated client for looking at keys directly. */
  Jedis raw() {
    return server.client();
  }

  /** The server's URI with credentials (percent-encoded), without database or options. */
  String uri() {
    return server.uri();
  }
}
