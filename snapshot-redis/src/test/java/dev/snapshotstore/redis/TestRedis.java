package dev.snapshotstore.redis;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

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
  private final String description;

  private TestRedis(String host, int port, String description) {
    this.host = host;
    this.port = port;
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
      return new TestRedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), URL_VARIABLE + " " + uri.getHost());
    }
    if (dockerAvailable()) {
      @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
      GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
      container.start();
      return new TestRedis(container.getHost(), container.getMappedPort(6379), "Testcontainers redis:7");
    }
    RedisProcess process = RedisProcess.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::kill));
    return new TestRedis(process.host(), process.port(), "embedded redis-server on port " + process.port());
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

  String uri() {
    return "redis://" + host + ":" + port;
  }
}
