package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;

class InMemorySnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemoryKits.open(config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return InMemoryKits.capabilities();
  }
}
