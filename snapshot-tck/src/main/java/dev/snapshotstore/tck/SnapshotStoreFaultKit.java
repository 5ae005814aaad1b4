package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;

/**
 * Fault injection through a {@link TcpProxy} (capability {@code networkFaults}) between the store and its
 * real server: slow links, half-open connections and connections reset in the middle of commands. Every call must end within the bound with a
 * {@link SnapshotStoreException}, no thread may hang, the same store must recover, and every save that
 * returned normally must be readable byte for byte afterwards. Payloads and the reset rhythm come from
 * {@link KitRandom}; which calls a reset hits still depends on timing, which is what this kit is about.
 */
@ExtendWith(KitRandom.SeedReporter.class)
public abstract class SnapshotStoreFaultKit {

  private static final Duration CHAOS_WINDOW = Duration.ofSeconds(10);

  private Random random;
  private SnapshotStore store;
  private String type;
  private NetworkFaults faults;
  private String backendName;

  /**
   * A new store of the implementation under test, connected through the capabilities' {@link NetworkFaults}
   * (a {@link TcpProxy}), with timeouts well under the proxy's {@link Outage#failureBound()}. The same method
   * every kit of this package calls; here the kit asks for unlimited retention.
   */
  protected abstract SnapshotStore createStore(KitStoreConfig config);

  /**
   * What the store documents. This kit needs {@link KitCapabilities.Builder#networkFaults}; without it every
   * test is skipped, naming the capability.
   */
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder().build();
  }

  @BeforeEach
  void open(TestInfo test) {
    KitCapabilities capabilities = capabilities();
    Optional<NetworkFaults> declared = capabilities.networkFaults();
    assumeTrue(declared.isPresent(),
        "capability " + KitCapabilities.NETWORK_FAULTS + " not provided: the fault kit is skipped");
    faults = declared.get();
    random = KitRandom.random(test);
    type = "fault-" + UUID.randomUUID().toString().substring(0, 12);
    store = createStore(KitStoreConfig.of(Retention.unlimited(), capabilities.maxPayloadBytes()));
    backendName = capabilities.backendName().orElseGet(store::backend);
  }

  @AfterEach
  void close() {
    if (faults != null) {
      faults.restore();
    }
    if (store != null) {
      store.close();
    }
  }

  private Duration failureBound() {
    return faults.failureBound();
  }

  private Snapshot snapshot(String id, long version) {
    byte[] payload = new byte[64 + random.nextInt(512)];
    random.nextBytes(payload);
    return Snapshot.builder(type, id, version, payload).createdAt(Instant.now()).build();
  }

  private void failsInTime(String what, Executable call) {
    assertTimeoutPreemptively(failureBound(), () -> assertThatThrownBy(call::execute).as(what)
        .isInstanceOf(SnapshotStoreException.class)
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(backendName)),
        () -> what + " did not fail within " + failureBound());
  }

  private void everyCallFails() {
    failsInTime("save", () -> store.save(snapshot("a", 2)));
    failsInTime("loadLatest", () -> store.loadLatest(type, "a"));
    failsInTime("history", () -> store.history(type, "a"));
    failsInTime("stats", () -> store.stats(type));
  }

  private void recovers(Snapshot acknowledged) {
    byte[] payload = Await.succeeds("the same store to read again after the fault ended", Duration.ofSeconds(30),
        SnapshotStoreException.class,
        () -> store.loadLatest(type, acknowledged.aggregateId()).orElseThrow().payload());
    assertThat(payload).as("payload of %s after recovery", acknowledged.describe()).isEqualTo(acknowledged.payload());
  }

  @Test
  @DisplayName("F1 latency above the timeout: every call fails in bounded time, then the same store recovers")
  void latencyAboveTimeout() throws Exception {
    Snapshot before = snapshot("a", 1);
    store.save(before);
    faults.latency(failureBound().multipliedBy(2));
    try {
      everyCallFails();
    } finally {
      faults.restore();
    }
    recovers(before);
  }

  @Test
  @DisplayName("F2 a half-open connection: every call fails in bounded time, then the same store recovers")
  void halfOpenConnection() throws Exception {
    Snapshot before = snapshot("a", 1);
    store.save(before);
    faults.blackhole();
    try {
      everyCallFails();
    } finally {
      faults.restore();
    }
    recovers(before);
  }

  @Test
  @DisplayName("F3 connections reset in the middle of concurrent saves: every acknowledged save survives, no thread hangs")
  void resetsDuringConcurrentSaves() throws Exception {
    int threads = 4;
    int savesPerThread = 150;
    Map<String, Snapshot> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      Future<?> chaos = pool.submit(() -> {
        while (running.get()) {
          sleep(15 + random.nextInt(25));
          faults.resetConnections();
        }
      });
      List<Future<Integer>> writers = new ArrayList<>();
      // bounded in time as well as in count: a backend that reconnects slowly must not stretch the build
      long stopAt = System.nanoTime() + CHAOS_WINDOW.toNanos();
      for (int t = 0; t < threads; t++) {
        String id = "writer-" + t;
        writers.add(pool.submit(() -> {
          int failures = 0;
          for (long v = 1; v <= savesPerThread && System.nanoTime() < stopAt; v++) {
            Snapshot snapshot = snapshot(id, v);
            try {
              store.save(snapshot);
              acknowledged.put(id + "@" + v, snapshot);
            } catch (SnapshotStoreException e) {
              failures++;
            }
          }
          return failures;
        }));
      }
      long boundMillis = CHAOS_WINDOW.toMillis() + failureBound().toMillis() * 2;
      int failed = 0;
      for (Future<Integer> writer : writers) {
        failed += writer.get(boundMillis, TimeUnit.MILLISECONDS);
      }
      running.set(false);
      chaos.get(10, TimeUnit.SECONDS);
      assertThat(acknowledged).as("saves acknowledged despite %s failures", failed).isNotEmpty();
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
    faults.restore();

    for (int t = 0; t < threads; t++) {
      String id = "writer-" + t;
      List<Snapshot> history = readWithRetry(id);
      List<Long> versions = history.stream().map(Snapshot::version).toList();
      assertThat(versions).as("history of %s", id).isSortedAccordingTo((a, b) -> Long.compare(b, a))
          .doesNotHaveDuplicates();
      for (Snapshot stored : history) {
        Snapshot expected = acknowledged.get(id + "@" + stored.version());
        if (expected != null) {
          assertThat(stored.payload()).as("payload of %s", stored.describe()).isEqualTo(expected.payload());
        }
      }
      for (Map.Entry<String, Snapshot> entry : acknowledged.entrySet()) {
        if (entry.getKey().startsWith(id + "@")) {
          assertThat(versions).as("acknowledged %s is stored", entry.getKey()).contains(entry.getValue().version());
        }
      }
    }
  }

  private List<Snapshot> readWithRetry(String id) {
    return Await.succeeds("the history of " + id + " to be readable after the resets ended", Duration.ofSeconds(30),
        SnapshotStoreException.class, () -> store.history(type, id));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
