package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;

class ResourceHygieneTest {

  @Test
  void aCleanStorePasses() throws Exception {
    ResourceHygiene.assertNoLeakedThreads(InMemorySnapshotStore::create);
  }

  @Test
  void aStoreWhoseCloseForgetsItsThreadIsCaught() {
    assertThatThrownBy(() -> ResourceHygiene.assertNoLeakedThreads(ResourceHygieneTest::leakyStore))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaky-refresher");
  }

  /** Opens a store whose owner starts a background thread per store and never stops it. */
  private static SnapshotStore leakyStore() {
    ExecutorService refresher = Executors.newSingleThreadExecutor(r -> new Thread(r, "leaky-refresher"));
    refresher.submit(() -> { });
    return InMemorySnapshotStore.create();
  }
}
