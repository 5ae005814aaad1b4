package dev.snapshotstore.redis;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;

/** The opt-in soak (-Psoak) on a real Redis. */
class RedisSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return RedisSnapshotStore.connect(TestRedis.get().host(), TestRedis.get().port(),
        TestRedis.get().options().retention(retention).build());
  }
}
