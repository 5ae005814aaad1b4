package dev.snapshotstore.examples.demo;

import java.io.PrintStream;

import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import org.jspecify.annotations.Nullable;

/**
 * The store the demo runs against: a URI as given, or a real server the demo starts and stops itself
 * ({@code redis}, {@code postgres}), so a newcomer sees a real backend with nothing installed.
 */
final class DemoBackend implements AutoCloseable {

  /** The demo waits this long for a database connection unless the URI says otherwise: a typo should fail fast. */
  static final String POSTGRES_CONNECT_TIMEOUT = "connectionTimeout=2s";
  static final String SQLSERVER_CONNECT_TIMEOUT = "connectTimeout=3";

  private final String uri;
  private final @Nullable EmbeddedServer server;

  private DemoBackend(String uri, @Nullable EmbeddedServer server) {
    this.uri = uri;
    this.server = server;
  }

  static DemoBackend start(String store, PrintStream out) {
    return switch (store) {
      case "redis" -> embedded(EmbeddedServers.redis(out));
      case "postgres", "postgresql" -> embedded(EmbeddedServers.postgres(out));
      default -> new DemoBackend(failFast(store), null);
    };
  }

  private static DemoBackend embedded(EmbeddedServer server) {
    return new DemoBackend(failFast(server.uri()), server);
  }

  /** Adds a short connection timeout to database URIs that set none (the stores' defaults suit servers, not demos). */
  static String failFast(String uri) {
    if (uri.startsWith("jdbc:postgresql:") || uri.startsWith("postgresql://") || uri.startsWith("postgres://")) {
      return uri.contains("connectionTimeout=") ? uri : uri + (uri.contains("?") ? "&" : "?") + POSTGRES_CONNECT_TIMEOUT;
    }
    if (uri.startsWith("jdbc:sqlserver:")) {
      return uri.contains("connectTimeout=") ? uri : uri + (uri.contains("?") ? "&" : "?") + SQLSERVER_CONNECT_TIMEOUT;
    }
    return uri;
  }

  /** The URI with passwords and user info hidden, for printing. */
  static String redact(String uri) {
    return uri.replaceAll("//[^@/?;]*@", "//***@")
        .replaceAll("(?i)(password=)[^;&\\s'\"]*", "$1***");
  }

  String uri() {
    return uri;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
