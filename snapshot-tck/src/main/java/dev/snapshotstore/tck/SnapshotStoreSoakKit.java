package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;

/**
 * The concurrency soak, opt-in (JUnit tag {@code soak}, run with {@code -Psoak}): 8 threads run a long mix
 * of saves, batches, loads, histories and stats over 1,000 streams, checking every answer as it comes, then
 * the final state of every stream against the log of acknowledged saves.
 *
 * <p>Every payload carries its own stream, version and checksum, so a mixed-up or torn snapshot is caught
 * the moment it is read. Operation count: system property {@code snapshot.soak.operations} (default 100,000).
 * Each worker draws its operations from its own {@link KitRandom} seed; how they interleave is up to the
 * scheduler.
 */
@Tag("soak")
@ExtendWith(KitRandom.SeedReporter.class)
public abstract class SnapshotStoreSoakKit {

  private static final int THREADS = 8;
  private static final int STREAMS = 1_000;
  private static final int KEEP = 5;

  /** A store of the backend under test with the given settings; the same method every kit of this package calls. */
  protected abstract SnapshotStore createStore(KitStoreConfig config);

  /** What the store documents; this kit reads only its payload limit. */
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder().build();
  }

  @Test
  @DisplayName("S1 8 threads, mixed operations over 1,000 streams: every answer consistent, final state equals the acknowledged log")
  void soak() throws Exception {
    long operations = Long.getLong("snapshot.soak.operations", 100_000);
    String type = "soak-" + UUID.randomUUID().toString().substring(0, 8);
    Map<Integer, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    AtomicLongArray highestAcknowledged = new AtomicLongArray(STREAMS);
    AtomicLongArray nextVersion = new AtomicLongArray(STREAMS);
    AtomicLong done = new AtomicLong();
    for (int s = 0; s < STREAMS; s++) {
      acknowledged.put(s, new ConcurrentSkipListSet<>());
      highestAcknowledged.set(s, -1);
    }

    try (SnapshotStore store = createStore(
        KitStoreConfig.of(Retention.keepLast(KEEP), capabilities().maxPayloadBytes()))) {
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = KitRandom.seedFor(SnapshotStoreSoakKit.class.getName() + "#soak/worker-" + t);
        workers.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          while (done.getAndIncrement() < operations) {
            int stream = random.nextInt(STREAMS);
            String id = "s" + stream;
            int roll = random.nextInt(100);
            if (roll < 40) {
              // versions are unique per stream but arrive out of order across threads
              long version = nextVersion.getAndIncrement(stream) * 2 + random.nextInt(2);
              store.save(snapshot(type, stream, version, random));
              acknowledge(acknowledged, highestAcknowledged, stream, version);
            } else if (roll < 45) {
              List<Snapshot> batch = new ArrayList<>();
              List<long[]> saved = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                int other = random.nextInt(STREAMS);
                long version = nextVersion.getAndIncrement(other) * 2 + 1;
                batch.add(snapshot(type, other, version, random));
                saved.add(new long[] {other, version});
              }
              store.saveAll(batch);
              saved.forEach(s -> acknowledge(acknowledged, highestAcknowledged, (int) s[0], s[1]));
            } else if (roll < 75) {
              long floor = highestAcknowledged.get(stream);
              Optional<Snapshot> latest = store.loadLatest(type, id);
              if (floor >= 0) {
                assertThat(latest).as("latest of %s after acknowledging %s", id, floor).isPresent();
                assertThat(latest.get().version()).as("latest of %s", id).isGreaterThanOrEqualTo(floor);
              }
              latest.ifPresent(s -> verify(s, stream));
            } else if (roll < 85) {
              long bound = random.nextLong(Math.max(1, nextVersion.get(stream) * 2 + 2));
              store.loadAtOrBefore(type, id, bound).ifPresent(s -> {
                verify(s, stream);
                assertThat(s.version()).isLessThanOrEqualTo(bound);
              });
            } else if (roll < 98) {
              List<Snapshot> history = store.history(type, id);
              assertThat(history).hasSizeLessThanOrEqualTo(KEEP);
              assertThat(history.stream().map(Snapshot::version).toList())
                  .isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
              history.forEach(s -> verify(s, stream));
            } else {
              SnapshotStats stats = store.stats(type);
              assertThat(stats.snapshots()).isLessThanOrEqualTo(stats.streams() * KEEP);
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.MINUTES);
      }
      pool.shutdown();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      long expectedSnapshots = 0;
      long expectedStreams = 0;
      for (int s = 0; s < STREAMS; s++) {
        List<Long> expected = acknowledged.get(s).stream().sorted((a, b) -> Long.compare(b, a)).limit(KEEP).toList();
        List<Snapshot> history = store.history(type, "s" + s);
        assertThat(history.stream().map(Snapshot::version).toList()).as("final history of s%s", s)
            .isEqualTo(expected);
        int stream = s;
        history.forEach(snapshot -> verify(snapshot, stream));
        expectedSnapshots += expected.size();
        expectedStreams += expected.isEmpty() ? 0 : 1;
      }
      SnapshotStats stats = store.stats(type);
      assertThat(stats.streams()).isEqualTo(expectedStreams);
      assertThat(stats.snapshots()).isEqualTo(expectedSnapshots);
      System.out.printf("soak %s: %,d operations by %d threads over %,d streams in %.1f s = %,.0f ops/s; "
          + "final state of every stream equals the acknowledged log%n", getClass().getSimpleName(), operations,
          THREADS, STREAMS, elapsed.toMillis() / 1000.0, operations * 1e9 / elapsed.toNanos());
      store.deleteAll(type);
    }
  }

  private static void acknowledge(Map<Integer, Set<Long>> acknowledged, AtomicLongArray highest, int stream,
      long version) {
    acknowledged.get(stream).add(version);
    highest.accumulateAndGet(stream, version, Math::max);
  }

  /** Payload: stream, version, filler, CRC32C of all before it; any mix-up or tear fails {@link #verify}. */
  private static Snapshot snapshot(String type, int stream, long version, SplittableRandom random) {
    int filler = 16 + random.nextInt(600);
    ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + filler + 4);
    buffer.putInt(stream).putLong(version);
    for (int i = 0; i < filler; i++) {
      buffer.put((byte) random.nextInt(256));
    }
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), 0, buffer.position());
    buffer.putInt((int) crc.getValue());
    return Snapshot.builder(type, "s" + stream, version, buffer.array())
        .createdAt(Instant.now())
        .metadata(Map.of("stream", Integer.toString(stream)))
        .build();
  }

  private static void verify(Snapshot snapshot, int stream) {
    byte[] payload = snapshot.payload();
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    assertThat(payload.length).as("payload size of %s", snapshot.describe()).isGreaterThanOrEqualTo(16);
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, payload.length - 4);
    assertThat(buffer.getInt(payload.length - 4)).as("checksum of %s", snapshot.describe())
        .isEqualTo((int) crc.getValue());
    assertThat(buffer.getInt(0)).as("stream inside %s", snapshot.describe()).isEqualTo(stream);
    assertThat(buffer.getLong(4)).as("version inside %s", snapshot.describe()).isEqualTo(snapshot.version());
    assertThat(snapshot.metadata()).containsEntry("stream", Integer.toString(stream));
    assertThat(snapshot.aggregateId()).isEqualTo("s" + stream);
  }
}
