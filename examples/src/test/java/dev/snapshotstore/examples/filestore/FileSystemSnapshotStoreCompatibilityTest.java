package dev.snapshotstore.examples.filestore;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

class FileSystemSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @TempDir
  Path root;

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return new FileSystemSnapshotStore(root, config.retention(), config.maxPayloadBytes());
  }
}
