package dev.snapshotstore.redis;

import java.time.Duration;

import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.testservers.RedisTestServer;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

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

  /** {@code redis://[credentials@]host:port?options}, with the server's credentials percent-encoded. */
  String uri(String options) {
    return uri(host(), port(), options);
  }

  /** The same for another address of the server, such as a proxy in front of it. */
  String uri(String host, int port, String options) {
    return server.uri(host, port) + (options.isEmpty() ? "" : "?" + options);
  }

  /** A store with its own client on the server, with these URI options. */
  RedisSnapshotStore open(String options) {
    return RedisSnapshotStore.open(uri(options));
  }

  /** A store with its own client and default options. */
  RedisSnapshotStore store() {
    return open("");
  }

  /** The URI options a kit's configuration asks for. */
  static String kitOptions(KitStoreConfig config) {
    return "retention=" + (config.retention().isUnlimited() ? "unlimited" : config.retention().keep())
        + "&maxPayloadBytes=" + config.maxPayloadBytes() + "&maxMetadataBytes=" + config.maxMetadataBytes();
  }

  /** Timeout options in URI form. */
  static String timeouts(Duration connect, Duration operation, int retries) {
    return "connectTimeout=" + connect.toMillis() + "ms&operationTimeout=" + operation.toMillis() + "ms&retries="
        + retries + "&retryBackoff=20ms";
  }

  /** The longest a call of a store with these timeouts can take to fail: every attempt may wait for the pool, connect and read. */
  static Duration worstCaseFailure(Duration connect, Duration operation, int retries) {
    return operation.plus(connect).plus(operation).multipliedBy(retries + 1L).plusMillis(40L * retries);
  }

  /** Client settings with the server's credentials, for tests that build their own Jedis client. */
  DefaultJedisClientConfig clientConfig() {
    return server.clientConfig();
  }

  /** A pooled client of the caller's, for {@link RedisSnapshotStore#create}. */
  RedisClient client() {
    return RedisClient.builder().hostAndPort(host(), port()).clientConfig(clientConfig()).build();
  }

  /** A plain, authenticated client for looking at keys directly. */
  Jedis raw() {
    return server.client();
  }
}
