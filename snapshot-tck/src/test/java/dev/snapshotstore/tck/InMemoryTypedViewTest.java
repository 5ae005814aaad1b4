package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;

/** The typed-view kit on the reference store with the default (identity) codec: T2 is skipped, naming why. */
class InMemoryTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemoryKits.open(config);
  }
}
