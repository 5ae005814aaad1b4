package dev.snapshotstore.postgres;

import java.util.Set;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.postgres.internal.OwnedPool;

/**
 * Opens {@code postgresql://user:password@host:5432/db?retention=10}, {@code postgres://...} and
 * {@code jdbc:postgresql://host/db?user=app&password=...&table=snapshots} with
 * {@link PostgresSnapshotStore#open(String)}: the store owns a HikariCP pool and closes it on {@code close()}.
 */
public final class PostgresSnapshotStoreProvider implements SnapshotStoreProvider {

  /** For {@link java.util.ServiceLoader} and {@code SnapshotStores.of(...)}. */
  public PostgresSnapshotStoreProvider() {}

  @Override
  public String id() {
    return "postgresql";
  }

  @Override
  public Set<String> schemes() {
    return OwnedPool.SCHEMES;
  }

  @Override
  public SnapshotStore open(String uri) {
    return PostgresSnapshotStore.open(uri);
  }
}
