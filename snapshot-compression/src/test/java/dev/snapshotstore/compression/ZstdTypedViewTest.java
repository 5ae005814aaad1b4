package dev.snapshotstore.compression;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TypedViewKit;

/** The typed-view kit with zstd on the reference store; each backend module runs the same kit on its server. */
class ZstdTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return InMemorySnapshotStore.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .maxMetadataBytes(config.maxMetadataBytes())
        .build();
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}
