/**
 * The snapshot-store API and SPI. Exports only {@code dev.snapshotstore.api} (callers) and
 * {@code dev.snapshotstore.api.spi} (adapter authors); {@code dev.snapshotstore.api.internal} stays inside.
 */
module dev.snapshotstore.api {
  requires static transitive org.jspecify;

  exports dev.snapshotstore.api;
  exports dev.snapshotstore.api.spi;

  uses dev.snapshotstore.api.spi.SnapshotStoreProvider;
  uses dev.snapshotstore.api.spi.PayloadCodec;
  uses dev.snapshotstore.api.spi.SnapshotSerializer;

  provides dev.snapshotstore.api.spi.SnapshotStoreProvider with dev.snapshotstore.api.InMemorySnapshotStoreProvider;
  provides dev.snapshotstore.api.spi.PayloadCodec with dev.snapshotstore.api.IdentityCodec;
}
