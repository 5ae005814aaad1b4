package dev.snapshotstore.examples.filestore;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/** A third-party adapter's whole compatibility test: extend the kit, open a store, name the backend. */
class FileSystemSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @TempDir
  Path root;

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return config.applyTo(FileSystemSnapshotStore.builder(root)).build();
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("file system").build();
  }
}
