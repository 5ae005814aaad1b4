package dev.snapshotstore.tck;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;

/** The one setup every kit runs the reference store with. */
final class InMemoryKits {

  private InMemoryKits() {}

  static SnapshotStore open(KitStoreConfig config) {
    // the in-memory builder is not a CommonOptions.Builder (it has no connections to configure)
    return InMemorySnapshotStore.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .maxMetadataBytes(config.maxMetadataBytes())
        .build();
  }

  static KitCapabilities capabilities() {
    return KitCapabilities.builder("in-memory").build();
  }
}
