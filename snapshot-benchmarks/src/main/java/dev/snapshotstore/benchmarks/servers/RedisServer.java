package dev.snapshotstore.benchmarks.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis a benchmark trial runs against: {@value #URL_VARIABLE} ({@code redis://[[user:]password@]host[:port]})
 * if set, else a redis-server child process from the embedded-redis artifact, without persistence (the source
 * documents' deployments and ours are compared on the same server, so durability settings cancel out).
 */
public final class RedisServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_REDIS_URL";

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable Process process;
  private final @Nullable Path directory;

  private RedisServer(String host, int port, @Nullable String user, @Nullable String password,
      @Nullable Process process, @Nullable Path directory) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.process = process;
    this.directory = directory;
  }

  public static RedisServer start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.trim());
      String userInfo = uri.getUserInfo();
      String user = null;
      String password = null;
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        user = colon <= 0 ? null : userInfo.substring(0, colon);
        password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
      }
      return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password, null, null);
    }
    try {
      File executable = ExecutableProvider.newJarResourceProvider().get();
      executable.setExecutable(true);
      Path directory = Files.createTempDirectory("snapshot-bench-redis-");
      int port = freePort();
      Process process = new ProcessBuilder(List.of(executable.getAbsolutePath(), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--protected-mode", "no", "--dir", directory.toString(), "--save", "",
          "--appendonly", "no", "--daemonize", "no", "--logfile", directory.resolve("redis.log").toString()))
          .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
      RedisServer server = new RedisServer("127.0.0.1", port, null, null, process, directory);
      server.awaitPing(process);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
  }

  private void awaitPing(Process started) throws IOException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try (Jedis probe = new Jedis(host, port)) {
        if ("PONG".equals(probe.ping())) {
          return;
        }
      } catch (RuntimeException notYet) {
        if (!started.isAlive() || System.nanoTime() > deadline) {
          started.destroyForcibly();
          throw new IllegalStateException("redis-server did not answer PING", notYet);
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A pooled client with room for every benchmark thread, as {@code RedisSnapshotStore.connect} builds it. */
  public RedisClient client() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000).socketTimeoutMillis(10_000);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    return RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).poolConfig(pool).build();
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (directory != null) {
      Cleanup.deleteTree(directory);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
