package dev.snapshotstore.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/** The decorator keeps the whole contract of the store it observes: the kit, unchanged, on the observed reference store. */
class ObservedSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    SnapshotStore reference = InMemorySnapshotStore.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .maxMetadataBytes(config.maxMetadataBytes())
        .build();
    return ObservedSnapshotStore.builder(reference).meterRegistry(new SimpleMeterRegistry()).build();
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("in-memory").build();
  }
}
