package dev.snapshotstore.redis;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/** Generated operation sequences on a real Redis compared step by step with the reference store. */
class RedisSnapshotStoreModelTest extends SnapshotStoreModelKit {

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return RedisSnapshotStore.connect(TestRedis.get().host(), TestRedis.get().port(),
        TestRedis.get().options().retention(retention).build());
  }
}
