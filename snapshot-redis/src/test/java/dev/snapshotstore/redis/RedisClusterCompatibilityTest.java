package dev.snapshotstore.redis;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/** The whole kit again on a real three-master Redis Cluster, through the caller-owned cluster client. */
class RedisClusterCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return RedisSnapshotStore.create(TestCluster.get().client(), RedisSnapshotStoreOptions.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .build());
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis").maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH).build();
  }
}
