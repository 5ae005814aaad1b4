package dev.snapshotstore.redis;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.TypedViewKit;

/** zstd-compressed state through the typed view, stored in and read back from a real Redis. */
class RedisTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore() {
    return TestRedis.get().store();
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}
