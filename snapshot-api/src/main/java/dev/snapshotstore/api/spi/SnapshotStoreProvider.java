package dev.snapshotstore.api.spi;

import java.util.Set;

import dev.snapshotstore.api.SnapshotStore;

/**
 * Opens a store from a URI, the way a JDBC driver opens a connection: the URI's scheme ({@link
 * StoreUri#schemeOf}) routes it here. Register an implementation in
 * {@code META-INF/services/dev.snapshotstore.api.spi.SnapshotStoreProvider} (and {@code provides} in a
 * module descriptor) to make it discoverable; two providers claiming one scheme is an error, never a guess.
 */
public interface SnapshotStoreProvider {

  /** A stable id, for example {@code "redis"}; two providers with one id is a configuration error. */
  String id();

  /** The schemes this provider opens, lower case: {@code "redis"}, {@code "rediss"}, {@code "jdbc:postgresql"}. */
  Set<String> schemes();

  /**
   * Opens a store that owns its connections; options come as query parameters (the shared ones of
   * {@link CommonOptions} and the backend's own). A bad URI is a
   * {@link dev.snapshotstore.api.SnapshotConfigurationException} whose message never holds a credential.
   */
  SnapshotStore open(String uri);
}
