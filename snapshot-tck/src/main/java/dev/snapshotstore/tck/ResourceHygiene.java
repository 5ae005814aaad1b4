package dev.snapshotstore.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;

/**
 * Checks that a store gives back what it took: after {@link SnapshotStore#close()}, no thread it started is
 * still alive. A first open-use-close cycle runs before the baseline is taken, so process-wide singletons
 * (a driver's cleaner thread) are not counted as leaks.
 */
public final class ResourceHygiene {

  private ResourceHygiene() {}

  /** Opens a store, drives it from 4 threads, closes it, and fails if any thread it started outlives it. */
  public static void assertNoLeakedThreads(Supplier<SnapshotStore> opener) throws Exception {
    cycle(opener);
    Set<Long> before = liveThreadIds();
    cycle(opener);
    Await.until("every thread the store started to end after close() (still alive: thread names)",
        Duration.ofSeconds(10),
        () -> Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !before.contains(t.getId()))
            .map(Thread::getName)
            .sorted()
            .toList(),
        List::isEmpty);
  }

  /** A short mixed workload from 4 threads, for the caller's own resource checks (pools, connections). */
  public static void drive(SnapshotStore store) throws Exception {
    String type = SnapshotStoreCompatibilityKit.uniqueType("hygiene");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String id = "stream-" + t;
        work.add(pool.submit(() -> {
          for (long v = 1; v <= 20; v++) {
            store.save(Snapshot.builder(type, id, v, new byte[100]).build());
            store.loadLatest(type, id);
            store.loadAtOrBefore(type, id, v - 1);
          }
          store.saveAll(List.of(Snapshot.builder(type, id, 100, new byte[10]).build()));
          store.history(type, id);
          store.delete(type, id, 100);
          return null;
        }));
      }
      for (Future<?> each : work) {
        each.get(60, TimeUnit.SECONDS);
      }
      store.stats(type);
      store.deleteAll(type);
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void cycle(Supplier<SnapshotStore> opener) throws Exception {
    try (SnapshotStore store = opener.get()) {
      drive(store);
    }
  }

  private static Set<Long> liveThreadIds() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
  }
}
