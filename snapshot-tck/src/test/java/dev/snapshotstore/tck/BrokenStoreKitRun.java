package dev.snapshotstore.tck;

import dev.snapshotstore.api.SnapshotStore;

/**
 * The kit against {@link NaiveStore} with the defect {@link KitTeethTest} selects, behind a simulated network
 * that the outage rules cut. Not named like a test, so the build does not run it by itself.
 */
class BrokenStoreKitRun extends SnapshotStoreCompatibilityKit {

  static volatile Defect defect = Defect.NONE;

  private static final NaiveOutage NETWORK = new NaiveOutage();
  /** The client the stores of one test share; a new one once a store closed it (CLOSE_CLOSES_SHARED_CLIENT). */
  private static NaiveStore.SharedClient client = new NaiveStore.SharedClient();

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    synchronized (BrokenStoreKitRun.class) {
      if (client.isClosed()) {
        client = new NaiveStore.SharedClient();
      }
      return new NaiveStore(defect, config, NETWORK, client);
    }
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("naive").outage(NETWORK).build();
  }
}
