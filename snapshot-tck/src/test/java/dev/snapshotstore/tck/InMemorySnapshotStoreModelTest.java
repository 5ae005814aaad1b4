package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/** The model kit against a second instance of the reference: the generator and comparison work end to end. */
class InMemorySnapshotStoreModelTest extends SnapshotStoreModelKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemoryKits.open(config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return InMemoryKits.capabilities();
  }
}
