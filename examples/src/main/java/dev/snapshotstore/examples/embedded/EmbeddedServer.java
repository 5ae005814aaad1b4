package dev.snapshotstore.examples.embedded;

import java.util.List;

/**
 * A real server started for an example; {@link #close()} stops it.
 *
 * @param uri a store URI for it ({@code redis://...} or {@code jdbc:postgresql://...})
 * @param endpoints its {@code host:port} addresses (one per node for a cluster)
 */
public record EmbeddedServer(String uri, List<String> endpoints, Stopper stopper) implements AutoCloseable {

  /** How the server is stopped. */
  @FunctionalInterface
  public interface Stopper {
    void stop() throws Exception;
  }

  public EmbeddedServer {
    endpoints = List.copyOf(endpoints);
  }

  @Override
  public void close() {
    try {
      stopper.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the embedded server at " + endpoints, e);
    }
  }
}
