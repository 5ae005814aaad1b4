package dev.snapshotstore.testservers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;

import dev.snapshotstore.testservers.internal.Docker;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * A standalone Redis to test against, found in this order: the server named by an environment variable
 * ({@value #URL_VARIABLE} for the tests, {@code redis://[user:password@]host:port}); else a {@code redis:<version>}
 * container when a Docker engine answers; else a real redis-server of that version started from Maven Central
 * binaries ({@link RedisProcess}). {@link #shared()} is the one server all tests of a JVM share.
 */
public final class RedisTestServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_TEST_REDIS_URL";

  private static @Nullable RedisTestServer shared;

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String description;
  private final @Nullable AutoCloseable owned;

  private RedisTestServer(String host, int port, @Nullable String user, @Nullable String password,
      String description, @Nullable AutoCloseable owned) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.description = description;
    this.owned = owned;
  }

  /** The server every test of this JVM shares, of {@link RedisVersion#DEFAULT} when started here; stopped at exit. */
  public static synchronized RedisTestServer shared() {
    if (shared == null) {
      RedisTestServer server = start(URL_VARIABLE, RedisVersion.DEFAULT);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-shared-redis"));
      System.out.println("Redis tests run against " + server.description());
      shared = server;
    }
    return shared;
  }

  /** A server of its own for the caller (who closes it): the URL in {@code urlVariable}, else Docker, else embedded. */
  public static RedisTestServer start(String urlVariable, RedisVersion version) {
    String url = System.getenv(urlVariable);
    if (url != null && !url.isBlank()) {
      return fromUrl(url.trim(), urlVariable);
    }
    if (Docker.available()) {
      GenericContainer<?> container = new GenericContainer<>("redis:" + version.label()).withExposedPorts(6379);
      container.start();
      return new RedisTestServer(container.getHost(), container.getMappedPort(6379), null, null,
          "Testcontainers redis:" + version.label(), container::stop);
    }
    return embedded(version);
  }

  /** Always a redis-server of {@code version} started here, for tests that must run on one version. */
  public static RedisTestServer embedded(RedisVersion version) {
    RedisProcess process = RedisProcess.start(version);
    return new RedisTestServer(process.host(), process.port(), null, null,
        "embedded redis-server " + version.label() + " on port " + process.port(), process);
  }

  /** The server a {@code redis://[user:password@]host[:port]} URL names; {@code source} says where it came from. */
  public static RedisTestServer fromUrl(String url, String source) {
    URI uri = URI.create(url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(source + " must look like redis://[user:password@]host:port");
    }
    Credentials credentials = Credentials.of(uri.getUserInfo());
    return new RedisTestServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), credentials.user(),
        credentials.password(), "the server in " + source + " (" + uri.getHost() + ")", null);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public @Nullable String user() {
    return user;
  }

  public @Nullable String password() {
    return password;
  }

  /** Where the server came from, without credentials. */
  public String description() {
    return description;
  }

  /** Client settings with the server's credentials. */
  public DefaultJedisClientConfig clientConfig() {
    return DefaultJedisClientConfig.builder().user(user).password(password).build();
  }

  /** A plain, authenticated client for looking at keys directly; the caller closes it. */
  public Jedis client() {
    return new Jedis(host, port, clientConfig());
  }

  /** {@code redis://[user:password@]host:port}, credentials percent-encoded; no database, no options. */
  public String uri() {
    return uri(host, port);
  }

  /** The server's credentials (percent-encoded) with another address, such as a proxy in front of the server. */
  public String uri(String otherHost, int otherPort) {
    return "redis://" + Credentials.userInfo(user, password) + otherHost + ":" + otherPort;
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop " + description, e);
      }
    }
  }

  @Override
  public String toString() {
    return "RedisTestServer[" + description + "]";
  }

  /** User and password of a Redis URL: {@code password@}, {@code :password@} and {@code user:password@}. */
  record Credentials(@Nullable String user, @Nullable String password) {

    static Credentials of(@Nullable String userInfo) {
      if (userInfo == null || userInfo.isEmpty()) {
        return new Credentials(null, null);
      }
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        return new Credentials(null, userInfo);
      }
      String user = userInfo.substring(0, colon);
      return new Credentials(user.isEmpty() ? null : user, userInfo.substring(colon + 1));
    }

    static String userInfo(@Nullable String user, @Nullable String password) {
      if (password == null) {
        return "";
      }
      return (user == null ? "" : encode(user)) + ":" + encode(password) + "@";
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
