package dev.snapshotstore.rehydration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.tck.Await;

class CachingSnapshotStoreTest {

  private final ForwardingStore backend = new ForwardingStore(InMemorySnapshotStore.create());
  private final AtomicLong ticker = new AtomicLong();
  private final CachingSnapshotStore cache = CachingSnapshotStore.builder(backend)
      .timeToLive(Duration.ofSeconds(30))
      .ticker(ticker::get)
      .build();

  private static Snapshot snapshot(String type, String id, long version) {
    return Snapshot.builder(type, id, version, ("v" + version).getBytes(UTF_8)).build();
  }

  private Optional<Long> latest(String type, String id) {
    return cache.loadLatest(type, id).map(Snapshot::version);
  }

  @Test
  @DisplayName("a second loadLatest is answered from the cache")
  void hit() {
    backend.save(snapshot("Order", "o-1", 3));

    assertThat(latest("Order", "o-1")).hasValue(3L);
    assertThat(latest("Order", "o-1")).hasValue(3L);

    assertThat(backend.loadLatestCalls.get()).isEqualTo(1);
    assertThat(cache.cacheStatistics().hits()).isEqualTo(1);
    assertThat(cache.cacheStatistics().misses()).isEqualTo(1);
  }

  @Test
  @DisplayName("an absent snapshot is cached too")
  void absentCached() {
    assertThat(latest("Order", "none")).isEmpty();
    assertThat(latest("Order", "none")).isEmpty();

    assertThat(backend.loadLatestCalls.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("an entry expires after its time-to-live")
  void timeToLive() {
    backend.save(snapshot("Order", "o-1", 3));
    latest("Order", "o-1");
    // Written behind the cache's back: only expiry can reveal it.
    backend.save(snapshot("Order", "o-1", 4));

    ticker.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(latest("Order", "o-1")).hasValue(3L);
    ticker.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(latest("Order", "o-1")).hasValue(4L);
    assertThat(backend.loadLatestCalls.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("holds at most maximumSize streams")
  void bounded() {
    CachingSnapshotStore small = CachingSnapshotStore.builder(backend).maximumSize(2).build();
    for (int i = 0; i < 10; i++) {
      small.loadLatest("Order", "o-" + i);
    }

    assertThat(small.cacheStatistics().size()).isLessThanOrEqualTo(2);
    assertThat(small.cacheStatistics().evictions()).isGreaterThanOrEqualTo(8);
  }

  @Nested
  @DisplayName("Invalidation")
  class Invalidation {

    @Test
    @DisplayName("by save")
    void save() {
      cache.save(snapshot("Order", "o-1", 1));
      latest("Order", "o-1");

      cache.save(snapshot("Order", "o-1", 2));

      assertThat(latest("Order", "o-1")).hasValue(2L);
    }

    @Test
    @DisplayName("by save of a stream that was cached as absent")
    void saveAfterAbsent() {
      assertThat(latest("Order", "o-1")).isEmpty();

      cache.save(snapshot("Order", "o-1", 1));

      assertThat(latest("Order", "o-1")).hasValue(1L);
    }

    @Test
    @DisplayName("by saveAll, for every stream in the batch")
    void saveAll() {
      cache.saveAll(List.of(snapshot("Order", "o-1", 1), snapshot("Order", "o-2", 1)));
      latest("Order", "o-1");
      latest("Order", "o-2");

      cache.saveAll(List.of(snapshot("Order", "o-1", 5), snapshot("Order", "o-2", 6)));

      assertThat(latest("Order", "o-1")).hasValue(5L);
      assertThat(latest("Order", "o-2")).hasValue(6L);
    }

    @Test
    @DisplayName("by delete")
    void delete() {
      cache.saveAll(List.of(snapshot("Order", "o-1", 1), snapshot("Order", "o-1", 2)));
      latest("Order", "o-1");

      cache.delete("Order", "o-1", 2);

      assertThat(latest("Order", "o-1")).hasValue(1L);
    }

    @Test
    @DisplayName("by deleteStream")
    void deleteStream() {
      cache.save(snapshot("Order", "o-1", 1));
      latest("Order", "o-1");

      cache.deleteStream("Order", "o-1");

      assertThat(latest("Order", "o-1")).isEmpty();
    }

    @Test
    @DisplayName("by deleteAll of the type, leaving other types cached")
    void deleteAll() {
      cache.save(snapshot("Order", "o-1", 1));
      cache.save(snapshot("Order", "o-2", 1));
      cache.save(snapshot("Invoice", "i-1", 1));
      latest("Order", "o-1");
      latest("Order", "o-2");
      latest("Invoice", "i-1");
      int callsBefore = backend.loadLatestCalls.get();

      cache.deleteAll("Order");

      assertThat(latest("Order", "o-1")).isEmpty();
      assertThat(latest("Order", "o-2")).isEmpty();
      assertThat(latest("Invoice", "i-1")).hasValue(1L);
      assertThat(backend.loadLatestCalls.get()).isEqualTo(callsBefore + 2);
    }

    @Test
    @DisplayName("even when the write fails, since it may have been applied")
    void failedWrite() {
      AtomicInteger attempts = new AtomicInteger();
      ForwardingStore flaky = new ForwardingStore(backend) {
        @Override
        public void save(Snapshot snapshot) {
          super.save(snapshot);
          if (attempts.incrementAndGet() > 1) {
            throw new SnapshotStoreException("timeout after write");
          }
        }
      };
      CachingSnapshotStore caching = CachingSnapshotStore.wrap(flaky);
      caching.save(snapshot("Order", "o-1", 1));
      caching.loadLatest("Order", "o-1");

      assertThatThrownBy(() -> caching.save(snapshot("Order", "o-1", 2))).isInstanceOf(SnapshotStoreException.class);

      assertThat(caching.loadLatest("Order", "o-1").map(Snapshot::version)).hasValue(2L);
    }
  }

  @Nested
  @DisplayName("Racing loads")
  class RacingLoads {

    private final CountDownLatch readDone = new CountDownLatch(1);
    private final CountDownLatch releaseRead = new CountDownLatch(1);
    private final ForwardingStore slowReads = new ForwardingStore(backend) {
      @Override
      public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
        Optional<Snapshot> read = super.loadLatest(aggregateType, aggregateId);
        readDone.countDown();
        Await.latch("the test to release the racing read", Duration.ofSeconds(30), releaseRead);
        return read;
      }
    };
    private final CachingSnapshotStore racing = CachingSnapshotStore.wrap(slowReads);

    private void awaitEnd(Thread thread) {
      Await.until("thread " + thread.getName() + " to finish", Duration.ofSeconds(10), () -> !thread.isAlive());
    }

    private Thread loadInBackground() {
      Thread loader = new Thread(() -> racing.loadLatest("Order", "o-1"));
      loader.start();
      Await.latch("the background load to read from the backend", Duration.ofSeconds(10), readDone);
      return loader;
    }

    @Test
    @DisplayName("a load that read before a deleteAll does not leave the deleted snapshot cached")
    void deleteAllDuringLoad() throws Exception {
      backend.save(snapshot("Order", "o-1", 1));
      Thread loader = loadInBackground();

      racing.deleteAll("Order");
      releaseRead.countDown();
      awaitEnd(loader);

      assertThat(racing.loadLatest("Order", "o-1")).isEmpty();
    }

    @Test
    @DisplayName("a load that read before a save does not leave the old snapshot cached")
    void saveDuringLoad() throws Exception {
      backend.save(snapshot("Order", "o-1", 1));
      Thread loader = loadInBackground();

      Thread saver = new Thread(() -> racing.save(snapshot("Order", "o-1", 2)));
      saver.start();
      Await.until("the racing save to reach the backend (latest version there)", Duration.ofSeconds(10),
          () -> backend.loadLatest("Order", "o-1").orElseThrow().version(), version -> version == 2);
      releaseRead.countDown();
      awaitEnd(loader);
      awaitEnd(saver);

      assertThat(racing.loadLatest("Order", "o-1").map(Snapshot::version)).hasValue(2L);
    }
  }

  @Test
  @DisplayName("loadAtOrBefore, history and stats pass through")
  void passThrough() {
    cache.save(snapshot("Order", "o-1", 1));
    cache.save(snapshot("Order", "o-1", 2));

    assertThat(cache.loadAtOrBefore("Order", "o-1", 1).map(Snapshot::version)).hasValue(1L);
    assertThat(cache.history("Order", "o-1")).extracting(Snapshot::version).containsExactly(2L, 1L);
    assertThat(cache.stats("Order")).isEqualTo(new SnapshotStats(1, 2, 4));
    assertThat(backend.loadLatestCalls.get()).isZero();
  }

  @Test
  @DisplayName("bad input fails like the store's own")
  void badInput() {
    assertThatThrownBy(() -> cache.loadLatest("Order", " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aggregateId");
  }

  @Test
  @DisplayName("close leaves the delegate open unless told otherwise")
  void close() {
    cache.close();
    assertThat(backend.loadLatest("Order", "o-1")).isEmpty();
    assertThatThrownBy(() -> cache.loadLatest("Order", "o-1")).isInstanceOf(StoreClosedException.class);
    cache.close();

    CachingSnapshotStore.builder(backend).closeDelegate(true).build().close();
    assertThatThrownBy(() -> backend.loadLatest("Order", "o-1")).isInstanceOf(SnapshotStoreException.class);
  }

  @Test
  @DisplayName("listings, limits and the backend's name are the delegate's")
  void listingsPassThrough() {
    backend.save(snapshot("Order", "o-1", 1));
    backend.save(snapshot("Order", "o-2", 1));
    backend.save(snapshot("Invoice", "i-1", 1));

    assertThat(cache.listTypes(PageRequest.first(10)).items()).containsExactly("Invoice", "Order");
    assertThat(cache.listStreams("Order", PageRequest.first(10)).items()).containsExactly("o-1", "o-2");
    assertThat(cache.limits()).isEqualTo(backend.limits());
    assertThat(cache.backend()).isEqualTo(backend.backend());
    assertThatThrownBy(() -> cache.listStreams("Order", null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(backend.loadLatestCalls.get()).isZero();
  }

  @Test
  @DisplayName("under a repository, a snapshot the repository saves is seen by the next load")
  void underRepository() {
    InMemoryEventLog<Account.Event> log = InMemoryEventLog.create();
    log.append(StreamId.of("Account", "acc-1"), 0, Account.history(120));
    try (AggregateRepository<Account, Account.Event> repository =
        AggregateRepository.builder(Views.accounts(cache), log, Account.DEFINITION)
            .policy(SnapshotPolicy.everyEvents(100)).executor(Runnable::run).build()) {
      assertThat(repository.load("acc-1").fromSnapshot()).isFalse();
      LoadedAggregate<Account> second = repository.load("acc-1");
      LoadedAggregate<Account> third = repository.load("acc-1");

      assertThat(second.snapshotVersion()).hasValue(120);
      assertThat(third.snapshotVersion()).hasValue(120);
      assertThat(backend.loadLatestCalls.get()).isEqualTo(2);
    }
  }
}
