package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.tck.Await;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * {@code history} returns a state the stream was in, while a writer moves {@code latest} under it: by the optimistic
 * read (entries, then elements, each checked against its entry) and by the copying read it falls back to.
 */
class RedisHistoryConsistencyTest {

  private static final int RETENTION = 5;
  private static final int READS = 300;

  private final TestRedis redis = TestRedis.get();
  private final String type = "history-" + UUID.randomUUID().toString().substring(0, 8);

  private static byte[] payload(long version) {
    return ("version " + version + " ").repeat(20).getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} optimistic reads before copying")
  @ValueSource(ints = {RedisSnapshotStore.OPTIMISTIC_READS, 0})
  @DisplayName("every history read during saves is a window of consecutive versions, each with its own bytes")
  void consistentWhileSaving(int optimisticReads) throws Exception {
    RedisSnapshotStoreOptions options = RedisSnapshotStoreOptions.builder()
        .retention(Retention.keepLast(RETENTION)).build();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (RedisClient client = redis.client()) {
      RedisSnapshotStore store = RedisSnapshotStore.create(client, options, optimisticReads);
      for (long v = 1; v <= RETENTION; v++) {
        store.save(Snapshot.builder(type, "a", v, payload(v)).build());
      }
      AtomicBoolean reading = new AtomicBoolean(true);
      AtomicLong written = new AtomicLong(RETENTION);
      Future<?> saves = writer.submit(() -> {
        while (reading.get()) {
          long v = written.get() + 1;
          store.save(Snapshot.builder(type, "a", v, payload(v)).build());
          written.set(v);
        }
      });
      Await.until("the writer to start moving latest", Duration.ofSeconds(10), () -> written.get() > RETENTION + 3);
      List<String> wrong = new ArrayList<>();
      long firstSeen = -1;
      long lastSeen = -1;
      for (int read = 0; read < READS; read++) {
        List<Snapshot> history = store.history(type, "a");
        List<Long> versions = history.stream().map(Snapshot::version).toList();
        long newest = versions.isEmpty() ? -1 : versions.get(0);
        boolean window = versions.size() == RETENTION;
        for (int i = 0; i < versions.size(); i++) {
          window &= versions.get(i) == newest - i;
          window &= history.get(i).payloadEquals(payload(versions.get(i)));
        }
        if (!window) {
          wrong.add(versions.toString());
        }
        firstSeen = firstSeen < 0 ? newest : firstSeen;
        lastSeen = newest;
      }
      reading.set(false);
      saves.get(30, TimeUnit.SECONDS);
      assertThat(wrong).as("history reads that are not a state the stream was in").isEmpty();
      assertThat(lastSeen).as("the reads saw the stream move").isGreaterThan(firstSeen);
      store.deleteAll(type);
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  @DisplayName("the copying read returns the same history as the optimistic one and leaves no scratch key")
  void copyingReadLeavesNothing() {
    try (RedisClient client = redis.client(); Jedis raw = redis.raw()) {
      RedisSnapshotStore copying = RedisSnapshotStore.create(client, RedisSnapshotStoreOptions.defaults(), 0);
      RedisSnapshotStore optimistic = RedisSnapshotStore.create(client);
      for (long v : new long[] {4, 1, 3, 2}) {
        optimistic.save(Snapshot.builder(type, "b", v, payload(v)).build());
      }
      assertThat(copying.history(type, "b")).isEqualTo(optimistic.history(type, "b")).hasSize(4);
      assertThat(copying.history(type, "b", 2)).extracting(Snapshot::version).containsExactly(4L, 3L);
      assertThat(raw.keys("snapshot:{" + type + ":b}:scratch:*")).isEmpty();
      assertThat(copying.history(type, "never-written")).isEmpty();
      optimistic.deleteAll(type);
    }
  }
}
