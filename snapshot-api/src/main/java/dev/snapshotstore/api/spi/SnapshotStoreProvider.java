package dev.snapshotstore.api.spi;

import java.util.List;

import dev.snapshotstore.api.SnapshotStore;

/**
 * Opens a store from a URI, the way a JDBC driver opens a connection: the URI's prefix routes it here.
 * Register an implementation with {@code @AutoService(SnapshotStoreProvider.class)} to make it discoverable.
 */
public interface SnapshotStoreProvider {

  /** A stable id, for example {@code "redis"}; two providers with one id is a configuration error. */
  String id();

  /** The URI prefixes this provider opens, for example {@code "redis://"} and {@code "rediss://"}. */
  List<String> uriPrefixes();

  /** Opens a store; options come as query parameters, for example {@code ?retention=10}. */
  SnapshotStore open(String uri);
}
