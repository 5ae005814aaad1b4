package dev.snapshotstore.rehydration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.Await;

class BackgroundSnapshotterTest {

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();
  private final InMemoryEventLog<Account.Event> log = InMemoryEventLog.create();
  private AggregateRepository<Account, Account.Event> repository;

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  private AggregateRepository<Account, Account.Event> repository(SnapshotStore snapshots) {
    repository = AggregateRepository.builder(Views.accounts(snapshots), log, Account.DEFINITION)
        .policy(SnapshotPolicy.never())
        .executor(Runnable::run)
        .build();
    return repository;
  }

  private void stream(String id, int events) {
    log.append(StreamId.of("Account", id), 0, Account.history(events));
  }

  private long latest(String id) {
    return store.loadLatest("Account", id).map(Snapshot::version).orElse(-1L);
  }

  @Test
  @DisplayName("snapshots only the streams whose tail reached the threshold, and reports progress")
  void threshold() {
    stream("long", 150);
    stream("short", 20);
    stream("tail", 130);
    store.save(repository(store).snapshots().encode("tail", 100, Account.replay(Account.history(100)),
        java.util.Map.of()));
    log.append(StreamId.of("Invoice", "other"), 0, Account.history(500));

    try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository, log)
        .threshold(100).maxSnapshotsPerSecond(1000).build()) {
      BackgroundSnapshotter.Progress scan = snapshotter.runOnce();

      assertThat(scan).isEqualTo(new BackgroundSnapshotter.Progress(1, 3, 1, 0));
      assertThat(latest("long")).isEqualTo(150);
      assertThat(latest("short")).isEqualTo(-1);
      assertThat(latest("tail")).isEqualTo(100);
      assertThat(store.stats("Invoice").streams()).isZero();

      log.append(StreamId.of("Account", "short"), Account.history(100));
      assertThat(snapshotter.runOnce().snapshotsTaken()).isEqualTo(1);
      assertThat(latest("short")).isEqualTo(120);
      assertThat(snapshotter.progress()).isEqualTo(new BackgroundSnapshotter.Progress(2, 6, 2, 0));
    }
  }

  @Test
  @DisplayName("spaces snapshots to the maximum rate")
  void rateBound() {
    for (int i = 0; i < 10; i++) {
      stream("acc-" + i, 100);
    }
    AtomicLong now = new AtomicLong();
    List<Long> sleeps = new CopyOnWriteArrayList<>();

    try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository(store), log)
        .threshold(50).maxSnapshotsPerSecond(5)
        .ticker(now::get)
        .sleeper(nanos -> {
          sleeps.add(nanos);
          now.addAndGet(nanos);
          return true;
        })
        .build()) {
      assertThat(snapshotter.runOnce().snapshotsTaken()).isEqualTo(10);
    }

    // The first goes at once; each next one waits its 200 ms slot.
    assertThat(sleeps).hasSize(9).allMatch(nanos -> nanos == TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(now.get()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1800));
  }

  @Test
  @DisplayName("a failing stream is counted and the scan goes on")
  void failureCounted() {
    stream("a", 100);
    stream("b", 100);
    stream("c", 100);
    SnapshotStore failsForB = new ForwardingStore(store) {
      @Override
      public void save(Snapshot snapshot) {
        if (snapshot.aggregateId().equals("b")) {
          throw new BackendUnavailableException("Redis", "timeout", null);
        }
        super.save(snapshot);
      }
    };

    try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository(failsForB), log)
        .threshold(10).maxSnapshotsPerSecond(1000).build()) {
      assertThat(snapshotter.runOnce()).isEqualTo(new BackgroundSnapshotter.Progress(1, 3, 2, 1));
    }
    assertThat(latest("a")).isEqualTo(100);
    assertThat(latest("c")).isEqualTo(100);
  }

  @Test
  @DisplayName("scans on its schedule and reports progress after each scan")
  void scheduled() throws Exception {
    stream("a", 100);
    CountDownLatch scanned = new CountDownLatch(2);
    List<BackgroundSnapshotter.Progress> reports = new CopyOnWriteArrayList<>();

    try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository(store), log)
        .threshold(10).interval(Duration.ofMillis(10)).maxSnapshotsPerSecond(1000)
        .onProgress(progress -> {
          reports.add(progress);
          scanned.countDown();
        })
        .build()) {
      snapshotter.start();
      Await.latch("two scans to report their progress", Duration.ofSeconds(10), scanned);
      assertThatThrownBy(snapshotter::start).isInstanceOf(IllegalStateException.class);
    }

    assertThat(reports.get(0).snapshotsTaken()).isEqualTo(1);
    assertThat(reports.get(1).scans()).isEqualTo(2);
    assertThat(reports.get(1).snapshotsTaken()).isEqualTo(1);
    assertThat(latest("a")).isEqualTo(100);
  }

  @Test
  @DisplayName("close waits for the snapshot in progress and starts no other")
  void closeWaits() throws Exception {
    stream("a", 100);
    stream("b", 100);
    stream("c", 100);
    CountDownLatch saveEntered = new CountDownLatch(1);
    CountDownLatch releaseSave = new CountDownLatch(1);
    ForwardingStore blockingSaves = new ForwardingStore(store) {
      @Override
      public void save(Snapshot snapshot) {
        saveEntered.countDown();
        Await.latch("the test to release the blocked save", Duration.ofSeconds(30), releaseSave);
        super.save(snapshot);
      }
    };
    BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository(blockingSaves), log)
        .threshold(10).interval(Duration.ofMillis(5)).maxSnapshotsPerSecond(1000).build();
    snapshotter.start();
    Await.latch("the scheduled scan to start saving a snapshot", Duration.ofSeconds(10), saveEntered);

    Thread closer = new Thread(snapshotter::close, "closer");
    closer.start();
    // Returning here instead (TERMINATED) would be the bug: close must block until the save in progress ends.
    Await.until("close() to block, waiting for the snapshot being saved (closer's state)", Duration.ofSeconds(10),
        closer::getState, state -> state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);

    releaseSave.countDown();
    Await.until("close() to return once the save was released", Duration.ofSeconds(10), () -> !closer.isAlive());
    assertThat(blockingSaves.saves.get()).isEqualTo(1);
    assertThat(snapshotter.progress().snapshotsTaken()).isEqualTo(1);
    assertThat(store.stats("Account").streams()).isEqualTo(1);
    assertThatThrownBy(snapshotter::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("close from a progress listener on the scanning thread returns at once")
  void closeFromListener() throws Exception {
    stream("a", 100);
    CountDownLatch closed = new CountDownLatch(1);
    BackgroundSnapshotter[] holder = new BackgroundSnapshotter[1];
    holder[0] = BackgroundSnapshotter.builder(repository(store), log)
        .threshold(10).interval(Duration.ofMillis(5)).maxSnapshotsPerSecond(1000)
        .onProgress(progress -> {
          holder[0].close();
          closed.countDown();
        })
        .build();

    holder[0].start();

    Await.latch("close() from the progress listener to return", Duration.ofSeconds(10), closed);
    assertThat(holder[0].progress().scans()).isEqualTo(1);
  }

  @Test
  @DisplayName("close interrupts the wait for a rate slot")
  void closeDuringPacing() throws Exception {
    stream("a", 100);
    stream("b", 100);
    BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository(store), log)
        .threshold(10).maxSnapshotsPerSecond(0.001).build();
    Thread scan = new Thread(snapshotter::runOnce, "scan");
    scan.start();
    Await.until("the scan to snapshot stream a, the one rate slot there is", Duration.ofSeconds(10),
        () -> latest("a") >= 0);
    // The scan now waits for a rate slot for stream b (one every 1,000 s); close must end that wait.
    Await.until("the scan to wait for a rate slot (scan's state)", Duration.ofSeconds(10), scan::getState,
        state -> state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);

    snapshotter.close();

    Await.until("the pacing scan to end after close()", Duration.ofSeconds(10), () -> !scan.isAlive());
    assertThat(latest("b")).isEqualTo(-1);
  }
}
