package dev.snapshotstore.redis;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;

/** The opt-in soak (-Psoak) on a real Redis. */
class RedisSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return TestRedis.get().open(TestRedis.kitOptions(config));
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis").maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH).build();
  }
}
