package dev.snapshotstore.examples.demo;

import java.io.PrintStream;
import java.util.List;

import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import org.jspecify.annotations.Nullable;

/**
 * The store the demo runs against: a URI as given, or a real server the demo starts and stops itself
 * ({@code redis}, {@code postgres}), so a newcomer sees a real backend with nothing installed.
 */
final class DemoBackend implements AutoCloseable {

  /**
   * Options the demo adds to a server's URI unless it sets them: a demo with a typo in its URI, or a server that
   * never answers, should say so within seconds and at the first failure, where the stores' defaults (10 s per
   * call, two retries) suit applications.
   */
  static final List<String> FAIL_FAST = List.of("connectTimeout=2s", "operationTimeout=2s", "retries=0");

  private static final List<String> SERVER_SCHEMES = List.of("redis://", "rediss://", "jdbc:postgresql:",
      "postgresql://", "postgres://", "jdbc:sqlserver:");

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

  static String failFast(String uri) {
    if (SERVER_SCHEMES.stream().noneMatch(uri::startsWith)) {
      return uri;
    }
    StringBuilder withOptions = new StringBuilder(uri);
    for (String option : FAIL_FAST) {
      String name = option.substring(0, option.indexOf('=') + 1);
      if (!uri.contains(name)) {
        withOptions.append(withOptions.indexOf("?") < 0 ? '?' : '&').append(option);
      }
    }
    return withOptions.toString();
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
