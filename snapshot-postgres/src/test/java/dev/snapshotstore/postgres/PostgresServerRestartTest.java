package dev.snapshotstore.postgres;

import dev.snapshotstore.tck.Await;
import dev.snapshotstore.testservers.LocalPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.SnapshotStores;

/**
 * Stops a real server in the middle of a save loop (an immediate stop, which is a crash to PostgreSQL) and
 * starts it again on the same port and data directory. It owns its server, whatever
 * {@code SNAPSHOT_TEST_POSTGRES_URL} says: it crash-stops and restarts it.
 */
class PostgresServerRestartTest {

  private static final Duration FAILURE_BOUND = Duration.ofSeconds(8);

  private static LocalPostgres server;

  @BeforeAll
  static void startServer() {
    server = LocalPostgres.startFromClasspath("17");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private record Failure(Throwable error, Duration took) {}

  @Test
  void everyCallFailsInTimeWhileDownAndNoAcknowledgedSaveIsLost() throws Exception {
    String uri = server.jdbcUrl() + "?user=postgres&retention=unlimited&connectTimeout=2s&operationTimeout=3s";
    try (SnapshotStore store = SnapshotStores.discover().open(uri)) {
      Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
      List<Failure> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong attempts = new AtomicLong();
      Thread loop = new Thread(() -> {
        Random random = new Random(7);
        for (long version = 1; running.get(); version++) {
          byte[] payload = new byte[100 + random.nextInt(2_000)];
          random.nextBytes(payload);
          long started = System.nanoTime();
          try {
            store.save(Snapshot.builder("Order", "restart", version, payload).createdAt(Instant.now()).build());
            acknowledged.put(version, payload);
          } catch (RuntimeException e) {
            failures.add(new Failure(e, Duration.ofNanos(System.nanoTime() - started)));
          }
          attempts.incrementAndGet();
        }
      }, "save-loop");
      loop.start();

      awaitCondition(() -> acknowledged.size() >= 50, "50 saves before the stop");
      server.stop("immediate");
      awaitCondition(() -> failures.size() >= 3, "3 failed saves while the server is down");
      for (Executable call : List.<Executable>of(
          () -> store.loadLatest("Order", "restart"),
          () -> store.history("Order", "restart"),
          () -> store.saveAll(List.of(Snapshot.builder("Order", "other", 1, new byte[1]).build())),
          () -> store.stats("Order"),
          () -> store.deleteStream("Order", "absent"))) {
        long started = System.nanoTime();
        try {
          call.execute();
          failures.add(new Failure(new AssertionError("a call succeeded with the server down"), Duration.ZERO));
        } catch (Throwable e) {
          failures.add(new Failure(e, Duration.ofNanos(System.nanoTime() - started)));
        }
      }
      int failedWhileDown = failures.size();

      server.start();
      int acknowledgedBeforeRestart = acknowledged.size();
      awaitCondition(() -> acknowledged.size() >= acknowledgedBeforeRestart + 20, "20 saves after the restart");
      running.set(false);
      Await.until("the save loop to end", Duration.ofSeconds(30), () -> !loop.isAlive());

      assertThat(failedWhileDown).isGreaterThanOrEqualTo(8);
      for (Failure failure : failures) {
        assertThat(failure.error())
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("PostgreSQL");
        assertThat(failure.took()).as("time to fail").isLessThan(FAILURE_BOUND);
      }
      assertThat(store.loadLatest("Order", "other")).isEmpty();
      List<Snapshot> history = store.history("Order", "restart");
      Map<Long, byte[]> stored = new ConcurrentHashMap<>();
      history.forEach(snapshot -> stored.put(snapshot.version(), snapshot.payload()));
      assertThat(acknowledged).isNotEmpty();
      acknowledged.forEach((version, payload) -> assertThat(stored.get(version))
          .as("acknowledged save of version %d", version).isEqualTo(payload));
      // A save that failed may or may not have committed before the crash, but what is there is intact.
      assertThat(history.size()).isBetween(acknowledged.size(), (int) attempts.get());
      assertThat(failures).allSatisfy(failure -> assertThat(failure.error()).isInstanceOf(SnapshotStoreException.class));
    }
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
    Await.until(what, Duration.ofSeconds(60), condition);
  }
}
