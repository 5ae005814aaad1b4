package dev.snapshotstore.redis;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TypedViewKit;

/** zstd-compressed state through the typed view, stored in and read back from a real Redis. */
class RedisTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return TestRedis.get().open(TestRedis.kitOptions(config));
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("Redis").maxKeyLength(RedisSnapshotStore.MAX_KEY_LENGTH).build();
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}
