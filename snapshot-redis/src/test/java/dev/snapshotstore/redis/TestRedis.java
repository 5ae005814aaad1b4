package dev.snapshotstore.redis;

import dev.snapshotstore.testservers.RedisProcess;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import redis.clients.jedis.Jedis;

/**
 * The standalone Redis the tests share, started once per JVM: {@code SNAPSHOT_TEST_REDIS_URL} if set, else a
 * {@code redis:7} container when a Docker engine answers, else a real redis-server from the embedded-redis
 * artifact.
 */
final class TestRedis {

  static final String URL_VARIABLE = "SNAPSHOT_TEST_REDIS_URL";

  private static TestRedis shared;

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String description;

  private TestRedis(String host, int port, @Nullable String user, @Nullable String password, String description) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.description = description;
  }

  static synchronized TestRedis get() {
    if (shared == null) {
      shared = resolve();
      System.out.println("snapshot-redis tests run against " + shared.description);
    }
    return shared;
  }

  private static TestRedis resolve() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.trim());
      String userInfo = uri.getUserInfo();
      String user = null;
      String password = null;
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        user = colon < 0 ? null : userInfo.substring(0, colon);
        password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
      }
      return new TestRedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user == null || user.isEmpty() ? null : user,
          password, URL_VARIABLE + " " + uri.getHost());
    }
    if (dockerAvailable()) {
      @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
      GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
      container.start();
      return new TestRedis(container.getHost(), container.getMappedPort(6379), null, null, "Testcontainers redis:7");
    }
    RedisProcess process = RedisProcess.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::kill));
    return new TestRedis(process.host(), process.port(), null, null, "embedded redis-server on port " + process.port());
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  /** Store options with the server's credentials; tests add their own settings. */
  RedisSnapshotStoreOptions.Builder options() {
    return RedisSnapshotStoreOptions.builder().user(user).password(password);
  }

  /** A store on the shared server with default options. */
  RedisSnapshotStore store() {
    return RedisSnapshotStore.connect(host, port, options().build());
  }

  /** Client settings with the server's credentials, for tests that build their own Jedis client. */
  redis.clients.jedis.DefaultJedisClientConfig clientConfig() {
    return redis.clients.jedis.DefaultJedisClientConfig.builder().user(user).password(password).build();
  }

  /** A plain client for looking at keys directly. */
  Jedis raw() {
    Jedis jedis = new Jedis(host, port);
    if (password != null) {
      if (user != null) {
        jedis.auth(user, password);
      } else {
        jedis.auth(password);
      }
    }
    return jedis;
  }

  /** The server's URI with credentials (percent-encoded), without database or options. */
  String uri() {
    String credentials = password == null ? ""
        : (user == null ? "" : encode(user)) + ":" + encode(password) + "@";
    return "redis://" + credentials + host + ":" + port;
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
