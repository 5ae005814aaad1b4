package dev.snapshotstore.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The store the demo runs against: a URI as given, or a real server the demo starts and stops itself
 * ({@code redis}, {@code postgres}), so a newcomer sees a real backend with nothing installed.
 */
final class DemoBackend implements AutoCloseable {

  private final String uri;
  private final AutoCloseable server;

  private DemoBackend(String uri, AutoCloseable server) {
    this.uri = uri;
    this.server = server;
  }

  static DemoBackend start(String store, PrintStream out) {
    return switch (store) {
      case "redis" -> startRedis(out);
      case "postgres", "postgresql" -> startPostgres(out);
      default -> new DemoBackend(store, () -> { });
    };
  }

  private static DemoBackend startRedis(PrintStream out) {
    try {
      int port = freePort();
      RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
          .setting("save \"\"").setting("appendonly no").build();
      redis.start();
      out.println("started an embedded Redis on 127.0.0.1:" + port);
      return new DemoBackend("redis://127.0.0.1:" + port, redis::stop);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded Redis", e);
    }
  }

  private static DemoBackend startPostgres(PrintStream out) {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      out.println("started an embedded PostgreSQL on port " + postgres.getPort());
      return new DemoBackend(postgres.getJdbcUrl("postgres", "postgres"), postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String uri() {
    return uri;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the embedded server", e);
    }
  }
}
