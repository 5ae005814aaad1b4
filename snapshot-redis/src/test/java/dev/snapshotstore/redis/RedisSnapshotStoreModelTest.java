package dev.snapshotstore.redis;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/** Generated operation sequences on a real Redis compared step by step with the reference store. */
class RedisSnapshotStoreModelTest extends SnapshotStoreModelKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return TestRedis.get().open(TestRedis.kitOptions(config));
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis").maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH).build();
  }
}
