package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.testservers.RedisProcess;

/**
 * Kills a real redis-server in the middle of a save loop and starts it again on the same port: calls fail in
 * bounded time naming Redis, the same store recovers, and every acknowledged save is still there. It owns its
 * server, whatever {@code SNAPSHOT_TEST_REDIS_URL} says: it kills, restarts and freezes (SIGSTOP) it, and needs
 * {@code appendfsync always} so that a kill loses nothing acknowledged.
 */
class RedisFailureTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static RedisProcess server;
  private static RedisSnapshotStore store;
  private static Duration bound;

  @BeforeAll
  static void start() {
    server = RedisProcess.startDurable();
    bound = TestRedis.worstCaseFailure(TIMEOUT, TIMEOUT, 1).plusSeconds(2);
    store = RedisSnapshotStore.open("redis://" + server.host() + ":" + server.port() + "?retention=unlimited&"
        + TestRedis.timeouts(TIMEOUT, TIMEOUT, 1));
  }

  @AfterAll
  static void stop() {
    store.close();
    server.close();
  }

  @Test
  @DisplayName("a server killed mid-loop: calls fail in time naming Redis, the store recovers, acknowledged saves survive in order")
  void killedInTheMiddleOfASaveLoop() throws Exception {
    Map<String, Map<Long, byte[]>> acknowledged = new ConcurrentHashMap<>();
    List<Duration> failureTimes = new CopyOnWriteArrayList<>();
    List<Throwable> wrongFailures = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    List<String> streams = List.of("s1", "s2", "s3");
    Thread writer = new Thread(() -> {
      Random random = new Random(7);
      for (long version = 1; failures.get() < 15 && version < 1_000_000; version++) {
        for (String stream : streams) {
          // some versions arrive late, out of order
          long v = random.nextInt(10) == 0 && version > 3 ? version * 10 - 25 : version * 10;
          byte[] payload = new byte[random.nextInt(2048)];
          random.nextBytes(payload);
          Snapshot snapshot = Snapshot.builder("failure", stream, v, payload).createdAt(Instant.now()).build();
          long started = System.nanoTime();
          try {
            store.save(snapshot);
            acknowledged.computeIfAbsent(stream, s -> new ConcurrentHashMap<>()).put(v, payload);
          } catch (SnapshotStoreException e) {
            failureTimes.add(Duration.ofNanos(System.nanoTime() - started));
            if (!e.getMessage().contains("Redis")) {
              wrongFailures.add(e);
            }
            failures.incrementAndGet();
          } catch (RuntimeException e) {
            wrongFailures.add(e);
            failures.incrementAndGet();
          }
        }
      }
    }, "save-loop");
    writer.start();
    awaitAcknowledged(acknowledged, 300);
    server.kill();
    Await.until("the save loop to end after 15 failed saves", Duration.ofSeconds(60), () -> !writer.isAlive());

    assertThat(wrongFailures).as("failures that are not SnapshotStoreExceptions naming Redis").isEmpty();
    assertThat(failureTimes).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThan(bound));
    failsInTime("loadLatest", () -> store.loadLatest("failure", "s1"));
    failsInTime("loadAtOrBefore", () -> store.loadAtOrBefore("failure", "s1", 10));
    failsInTime("history", () -> store.history("failure", "s1"));
    failsInTime("saveAll", () -> {
      store.saveAll(List.of(Snapshot.builder("failure", "s1", 1, new byte[1]).build()));
      return null;
    });
    failsInTime("stats", () -> store.stats("failure"));
    failsInTime("listStreams", () -> store.listStreams("failure", dev.snapshotstore.api.PageRequest.first(10)));
    failsInTime("deleteAll", () -> {
      store.deleteAll("never-written");
      return null;
    });

    server.restart();
    Optional<Snapshot> latest = eventually(() -> store.loadLatest("failure", "s1"));
    assertThat(latest).isPresent();

    for (String stream : streams) {
      List<Snapshot> history = store.history("failure", stream);
      List<Long> versions = history.stream().map(Snapshot::version).toList();
      assertThat(versions).as("history of %s", stream).doesNotHaveDuplicates()
          .isSortedAccordingTo(Collections.reverseOrder());
      Map<Long, byte[]> expected = acknowledged.getOrDefault(stream, Map.of());
      assertThat(expected).as("acknowledged saves of %s", stream).isNotEmpty();
      for (Map.Entry<Long, byte[]> entry : expected.entrySet()) {
        Snapshot stored = history.stream().filter(s -> s.version() == entry.getKey()).findFirst()
            .orElseThrow(() -> new AssertionError("acknowledged " + stream + "@" + entry.getKey() + " is lost"));
        assertThat(stored.payload()).as("payload of %s@%s", stream, entry.getKey()).isEqualTo(entry.getValue());
      }
    }
    assertThat(store.listStreams("failure", dev.snapshotstore.api.PageRequest.first(10)).items())
        .as("every stream with an acknowledged save is listed").containsAll(streams);
    store.save(Snapshot.builder("failure", "after", 1, new byte[] {42}).build());
    assertThat(store.loadLatest("failure", "after").orElseThrow().payload()).containsExactly(42);
  }

  @Test
  @DisplayName("a frozen server: calls time out within the configured bound naming Redis, and work once it thaws")
  void frozenServer() {
    store.save(Snapshot.builder("frozen", "a", 1, new byte[] {1}).build());
    server.signal("STOP");
    try {
      failsInTime("save", () -> {
        store.save(Snapshot.builder("frozen", "a", 2, new byte[] {2}).build());
        return null;
      });
      failsInTime("loadLatest", () -> store.loadLatest("frozen", "a"));
      failsInTime("stats", () -> store.stats("frozen"));
    } finally {
      server.signal("CONT");
    }
    Optional<Snapshot> latest = eventually(() -> store.loadLatest("frozen", "a"));
    assertThat(latest).map(Snapshot::version).get().isIn(1L, 2L);
    store.deleteAll("frozen");
  }

  private static void awaitAcknowledged(Map<String, Map<Long, byte[]>> acknowledged, int count) {
    Await.until(count + " acknowledged saves of the save loop before the kill", Duration.ofSeconds(30),
        () -> acknowledged.values().stream().mapToInt(Map::size).sum(), saved -> saved >= count);
  }

  private static void failsInTime(String what, Supplier<?> call) {
    long started = System.nanoTime();
    try {
      call.get();
      fail(what + " succeeded while the server was down");
    } catch (SnapshotStoreException e) {
      assertThat(e.getMessage()).as(what).contains("Redis");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(what).isLessThan(bound);
  }

  private static <T> T eventually(Supplier<T> call) {
    return Await.succeeds("the same store to answer again after the server came back", Duration.ofSeconds(30),
        SnapshotStoreException.class, call);
  }

  static List<Long> versions(List<Snapshot> snapshots) {
    return new ArrayList<>(snapshots.stream().map(Snapshot::version).toList());
  }
}
