package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;

/**
 * The kit against {@link NaiveStore} with the defect {@link KitTeethTest} selects. Not named like a test, so
 * the build does not run it by itself.
 */
class BrokenStoreKitRun extends SnapshotStoreCompatibilityKit {

  static volatile Defect defect = Defect.NONE;

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return new NaiveStore(defect, config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("naive").build();
  }
}
