package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;

class ResourceHygieneTest {

  /**
   * The leaky stores' executors, held as the owner of a real leak holds them. Unreferenced, a single-thread executor
   * is shut down when the garbage collector finds it (by its finalizer on JDK 17), and a collection during the
   * check's wait ended the leaked thread and let the leak pass: 1 failure in 10 runs of the build.
   */
  private static final List<ExecutorService> LEAKED = new CopyOnWriteArrayList<>();

  @AfterAll
  static void stopLeakedThreads() {
    LEAKED.forEach(ExecutorService::shutdownNow);
  }

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
    LEAKED.add(refresher);
    refresher.submit(() -> { });
    return InMemorySnapshotStore.create();
  }
}
