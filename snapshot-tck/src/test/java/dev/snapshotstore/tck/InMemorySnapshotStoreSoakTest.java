package dev.snapshotstore.tck;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;

class InMemorySnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return InMemorySnapshotStore.builder().retention(retention).build();
  }
}
