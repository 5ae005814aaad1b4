package dev.snapshotstore.tck;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;

/** The kit against the reference store: every rule must hold. */
class InMemorySnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemoryKits.open(config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return InMemoryKits.capabilities();
  }
}
