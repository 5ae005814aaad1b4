package dev.snapshotstore.tck;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;

/** The kit against the reference store: every rule must hold. */
class InMemorySnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemorySnapshotStore.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .build();
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("in-memory").maxKeyLength(InMemorySnapshotStore.MAX_KEY_LENGTH).build();
  }
}
