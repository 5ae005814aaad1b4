package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/**
 * The model kit against {@link NaiveStore} with the defect {@link ModelCheckTeethTest} selects. Not named like
 * a test, so the build does not run it by itself.
 */
class BrokenStoreModelRun extends SnapshotStoreModelKit {

  static volatile Defect defect = Defect.NONE;

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return new NaiveStore(defect, config);
  }
}
