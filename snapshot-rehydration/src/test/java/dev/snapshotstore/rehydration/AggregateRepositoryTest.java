package dev.snapshotstore.rehydration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.tck.Await;

class AggregateRepositoryTest {

  private static final StreamId ACC_1 = StreamId.of("Account", "acc-1");

  private final InMemorySnapshotStore store = InMemorySnapshotStore.builder().retention(Retention.unlimited()).build();
  private final InMemoryEventLog<Account.Event> log = InMemoryEventLog.create();
  private final RecordingListener listener = new RecordingListener();
  private AggregateRepository<Account, Account.Event> repository;

  @AfterEach
  void closeRepository() {
    if (repository != null) {
      repository.close();
    }
  }

  private AggregateRepository.Builder<Account, Account.Event> builder(SnapshotStore snapshots) {
    return AggregateRepository.builder(Views.accounts(snapshots), log, Account.DEFINITION)
        .policy(SnapshotPolicy.never())
        .executor(Runnable::run)
        .listener(listener);
  }

  private List<Account.Event> append(int count) {
    List<Account.Event> events = Account.history(count);
    log.append(ACC_1, 0, events);
    return events;
  }

  private TypedSnapshotStore<Account> typed(int revision) {
    return Views.of(store, "Account", Account.class, revision);
  }

  private void saveGarbage(long version) {
    store.save(Snapshot.builder("Account", "acc-1", version, "{not json".getBytes(UTF_8))
        .header(new SnapshotHeader("jackson-json", "identity", 0))
        .build());
  }

  @Nested
  @DisplayName("Loading")
  class Loading {

    @Test
    @DisplayName("without a snapshot replays every event")
    void fullReplay() {
      List<Account.Event> events = append(250);
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(loaded.version()).isEqualTo(250);
      assertThat(loaded.eventsReplayed()).isEqualTo(250);
      assertThat(loaded.snapshotVersion()).isEmpty();
      assertThat(repository.counters().fullReplays()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown aggregate loads as the initial state at version 0")
    void unknown() {
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("nobody");

      assertThat(loaded.state()).isEqualTo(Account.opened());
      assertThat(loaded.version()).isZero();
    }

    @Test
    @DisplayName("starts from the latest snapshot and applies only the events after it")
    void snapshotPlusTail() {
      List<Account.Event> events = append(100);
      // A marker the events could never produce proves the state came from the snapshot.
      Account marker = new Account("from-snapshot", 1_000_000, 0);
      typed(0).save("acc-1", 60, marker);
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).hasValue(60);
      assertThat(loaded.eventsReplayed()).isEqualTo(40);
      assertThat(loaded.version()).isEqualTo(100);
      Account expected = marker;
      for (Account.Event event : events.subList(60, 100)) {
        expected = expected.apply(event);
      }
      assertThat(loaded.state()).isEqualTo(expected);
      assertThat(repository.counters().snapshotHits()).isEqualTo(1);
      assertThat(listener.calls).contains("read Account/acc-1@60 bytes");
    }

    @Test
    @DisplayName("a snapshot equal to full replay loads the same state as full replay")
    void sameStateAsReplay() {
      List<Account.Event> events = append(100);
      typed(0).save("acc-1", 37, Account.replay(events.subList(0, 37)));
      repository = builder(store).build();

      assertThat(repository.load("acc-1").state()).isEqualTo(Account.replay(events));
    }

    @Test
    @DisplayName("streams 100,000 events without failing")
    void longStream() {
      log.append(ACC_1, 0, Account.history(100_000));
      repository = builder(store).build();

      LoadedAggregate<Account> full = repository.load("acc-1");
      typed(0).save("acc-1", 99_900, repository.loadAsOf("acc-1", 99_900).state());
      LoadedAggregate<Account> viaSnapshot = repository.load("acc-1");

      assertThat(full.eventsReplayed()).isEqualTo(100_000);
      assertThat(viaSnapshot.eventsReplayed()).isEqualTo(100);
      assertThat(viaSnapshot.state()).isEqualTo(full.state());
    }

    @Test
    @DisplayName("an event source that returns events out of order is an error naming the stream")
    void outOfOrderEvents() {
      EventSource<Account.Event> broken = (stream, from, to) -> Stream.of(
          new RecordedEvent<>(2, new Account.Deposited(1)), new RecordedEvent<>(1, new Account.Deposited(1)));
      repository = AggregateRepository.builder(Views.accounts(store), broken, Account.DEFINITION).executor(Runnable::run)
          .build();

      assertThatThrownBy(() -> repository.load("acc-1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Account/acc-1")
          .hasMessageContaining("version 1");
    }

    @Test
    @DisplayName("a listener that throws does not break the load")
    void throwingListener() {
      append(5);
      repository = builder(store).listener(new RehydrationListener() {
        @Override
        public void loaded(LoadedAggregate<?> aggregate) {
          throw new IllegalStateException("listener bug");
        }
      }).build();

      assertThat(repository.load("acc-1").version()).isEqualTo(5);
      assertThat(listener.loads).hasSize(1);
    }
  }

  @Nested
  @DisplayName("Fallbacks")
  class Fallbacks {

    @Test
    @DisplayName("a corrupt latest snapshot falls back to the next older one, counted and reported")
    void corruptFallsBackToOlder() {
      List<Account.Event> events = append(100);
      typed(0).save("acc-1", 20, Account.replay(events.subList(0, 20)));
      saveGarbage(40);
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(loaded.snapshotVersion()).hasValue(20);
      assertThat(loaded.eventsReplayed()).isEqualTo(80);
      assertThat(repository.counters().fallbacks()).isEqualTo(1);
      assertThat(listener.calls).contains("fallback Account/acc-1@40 CORRUPT");
    }

    @Test
    @DisplayName("a fallback is counted every time but logged at WARN once, naming stream and version")
    void loggedOnce() {
      append(50);
      saveGarbage(40);
      repository = builder(store).build();
      java.io.PrintStream original = System.err;
      java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(captured, true, UTF_8));
      try {
        repository.load("acc-1");
        repository.load("acc-1");
      } finally {
        System.setErr(original);
      }

      assertThat(repository.counters().fallbacks()).isEqualTo(2);
      assertThat(captured.toString(UTF_8).lines().filter(line -> line.contains("WARN")))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("Account/acc-1@40")
          .contains("CORRUPT");
    }

    @Test
    @DisplayName("when every snapshot is corrupt, a full replay")
    void allCorrupt() {
      List<Account.Event> events = append(50);
      saveGarbage(10);
      saveGarbage(30);
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(loaded.snapshotVersion()).isEmpty();
      assertThat(repository.counters().fallbacks()).isEqualTo(2);
      assertThat(listener.calls).containsSubsequence("fallback Account/acc-1@30 CORRUPT",
          "fallback Account/acc-1@10 CORRUPT");
    }

    @Test
    @DisplayName("a store that reports corrupt data itself falls back to its history")
    void storeReportsCorrupt() {
      List<Account.Event> events = append(50);
      typed(0).save("acc-1", 10, Account.replay(events.subList(0, 10)));
      typed(0).save("acc-1", 30, Account.replay(events.subList(0, 30)));
      ForwardingStore corruptLatest = new ForwardingStore(store) {
        @Override
        public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
          throw new CorruptSnapshotException(aggregateType, aggregateId, 30, "bad header");
        }
      };
      repository = builder(corruptLatest).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).hasValue(10);
      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(listener.calls).contains("fallback Account/acc-1@30 CORRUPT");
    }

    @Test
    @DisplayName("a snapshot of another schema revision is passed over for an older one of this revision")
    void revisionChange() {
      List<Account.Event> events = append(100);
      typed(2).save("acc-1", 20, Account.replay(events.subList(0, 20)));
      typed(1).save("acc-1", 50, Account.replay(events.subList(0, 50)));
      repository = AggregateRepository.builder(typed(2), log, Account.DEFINITION)
          .policy(SnapshotPolicy.never()).executor(Runnable::run).listener(listener).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).hasValue(20);
      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(listener.calls).contains("fallback Account/acc-1@50 REVISION_MISMATCH");
      assertThat(repository.snapshots().revisionMismatches()).isEqualTo(1);
    }

    @Test
    @DisplayName("after a revision bump with only old snapshots, a full replay and a fresh snapshot")
    void revisionBumpResnapshots() {
      List<Account.Event> events = append(100);
      typed(0).save("acc-1", 100, Account.replay(events));
      repository = AggregateRepository.builder(typed(1), log, Account.DEFINITION)
          .policy(SnapshotPolicy.eventsSinceSnapshot(50)).executor(Runnable::run).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).isEmpty();
      assertThat(store.loadLatest("Account", "acc-1").orElseThrow().header().schemaRevision()).isEqualTo(1);
      assertThat(repository.load("acc-1").snapshotVersion()).hasValue(100);
    }
  }

  @Nested
  @DisplayName("Snapshots ahead of the events")
  class AheadOfEvents {

    /** A snapshot at 60 of a stream that ends at 50: saved by a command whose events were rolled back. */
    private List<Account.Event> rolledBack() {
      List<Account.Event> events = append(50);
      typed(0).save("acc-1", 40, Account.replay(events.subList(0, 40)));
      typed(0).save("acc-1", 60, new Account("rolled-back", 999_999, 60));
      return events;
    }

    @Test
    @DisplayName("is passed over for an older snapshot, counted under its own reason and reported")
    void passedOver() {
      List<Account.Event> events = rolledBack();
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(loaded.version()).isEqualTo(50);
      assertThat(loaded.snapshotVersion()).hasValue(40);
      assertThat(loaded.eventsReplayed()).isEqualTo(10);
      assertThat(repository.counters().fallbacks(FallbackReason.AHEAD_OF_EVENTS)).isEqualTo(1);
      assertThat(repository.counters().fallbacks(FallbackReason.CORRUPT)).isZero();
      assertThat(repository.counters().fallbacks()).isEqualTo(1);
      assertThat(listener.calls).contains("fallback Account/acc-1@60 AHEAD_OF_EVENTS");
    }

    @Test
    @DisplayName("is passed over with an event source that cannot tell its head, and in time travel")
    void headlessAndTimeTravel() {
      List<Account.Event> events = rolledBack();
      EventSource<Account.Event> headless = log::read;
      repository = AggregateRepository.builder(Views.accounts(store), headless, Account.DEFINITION)
          .policy(SnapshotPolicy.never()).executor(Runnable::run).listener(listener).build();

      LoadedAggregate<Account> latest = repository.load("acc-1");
      LoadedAggregate<Account> asOf70 = repository.loadAsOf("acc-1", 70);

      assertThat(latest.snapshotVersion()).hasValue(40);
      assertThat(latest.state()).isEqualTo(Account.replay(events));
      assertThat(asOf70.snapshotVersion()).hasValue(40);
      assertThat(asOf70.version()).isEqualTo(50);
      assertThat(repository.counters().fallbacks(FallbackReason.AHEAD_OF_EVENTS)).isEqualTo(2);
    }

    @Test
    @DisplayName("every snapshot ahead of a short stream gives a full replay")
    void allAhead() {
      List<Account.Event> events = append(5);
      typed(0).save("acc-1", 8, Account.opened());
      typed(0).save("acc-1", 9, Account.opened());
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).isEmpty();
      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(listener.calls).containsSubsequence("fallback Account/acc-1@9 AHEAD_OF_EVENTS",
          "fallback Account/acc-1@8 AHEAD_OF_EVENTS");
    }

    @Test
    @DisplayName("a snapshot at version 0 needs no event and is used")
    void versionZero() {
      List<Account.Event> events = append(3);
      typed(0).save("acc-1", 0, Account.opened());
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).hasValue(0);
      assertThat(loaded.eventsReplayed()).isEqualTo(3);
      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(repository.counters().fallbacks()).isZero();
    }

    @Test
    @DisplayName("an event source that skips the snapshot's own version is an error naming the stream")
    void sourceSkipsTheSnapshotVersion() {
      append(50);
      typed(0).save("acc-1", 40, Account.opened());
      EventSource<Account.Event> skipping = (stream, from, to) -> log.read(stream, from + 1, to);
      repository = AggregateRepository.builder(Views.accounts(store), skipping, Account.DEFINITION)
          .executor(Runnable::run).build();

      assertThatThrownBy(() -> repository.load("acc-1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("version 41 of stream Account/acc-1 when asked for the events from version 40");
    }
  }

  @Nested
  @DisplayName("Counters")
  class Counters {

    @Test
    @DisplayName("one RehydrationCounters added to two repositories counts both, beside each one's own")
    void shared() {
      append(120);
      log.append(StreamId.of("Invoice", "inv-1"), 0, Account.history(30));
      RehydrationCounters both = new RehydrationCounters();
      repository = builder(store).policy(SnapshotPolicy.everyEvents(100)).listener(both).build();
      try (AggregateRepository<Account, Account.Event> invoices =
          AggregateRepository.builder(Views.of(store, "Invoice", Account.class), log, Account.DEFINITION)
              .policy(SnapshotPolicy.never()).executor(Runnable::run).listener(both).build()) {
        repository.load("acc-1");
        repository.load("acc-1");
        invoices.load("inv-1");

        assertThat(both.loads()).isEqualTo(3);
        assertThat(both.fullReplays()).isEqualTo(2);
        assertThat(both.snapshotHits()).isEqualTo(1);
        assertThat(both.snapshotsRequested()).isEqualTo(1);
        assertThat(both.snapshotsSaved()).isEqualTo(1);
        assertThat(repository.counters().loads()).isEqualTo(2);
        assertThat(invoices.counters().loads()).isEqualTo(1);
        assertThat(invoices.counters().snapshotsSaved()).isZero();
      }
    }

    @Test
    @DisplayName("a load passes over at most 100 snapshots, then replays every event")
    void boundedWalk() {
      List<Account.Event> events = append(150);
      typed(0).save("acc-1", 10, Account.replay(events.subList(0, 10)));
      for (int version = 11; version <= 111; version++) {
        saveGarbage(version);
      }
      repository = builder(store).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.snapshotVersion()).isEmpty();
      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(repository.counters().fallbacks(FallbackReason.CORRUPT)).isEqualTo(100);
    }
  }

  @Nested
  @DisplayName("Store unavailable")
  class StoreUnavailable {

    private final ForwardingStore down = new ForwardingStore(store) {
      @Override
      public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
        throw new BackendUnavailableException("Redis", "connection refused", null);
      }

      @Override
      public void save(Snapshot snapshot) {
        throw new BackendUnavailableException("Redis", "connection refused", null);
      }
    };

    @Test
    @DisplayName("is an error for the caller by default")
    void errorByDefault() {
      append(10);
      repository = builder(down).build();

      assertThatThrownBy(() -> repository.load("acc-1"))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("Redis");
    }

    @Test
    @DisplayName("is an error too when the store fails while looking for an older snapshot")
    void errorInHistory() {
      append(10);
      saveGarbage(5);
      ForwardingStore historyDown = new ForwardingStore(store) {
        @Override
        public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
          throw new SnapshotStoreException("PostgreSQL unavailable: timeout");
        }
      };
      repository = builder(historyDown).build();

      assertThatThrownBy(() -> repository.load("acc-1")).isInstanceOf(SnapshotStoreException.class)
          .hasMessageContaining("PostgreSQL");
    }

    @Test
    @DisplayName("with replayWhenStoreUnavailable, replays every event and does not try to snapshot")
    void replayOption() {
      List<Account.Event> events = append(300);
      repository = builder(down).replayWhenStoreUnavailable(true).policy(SnapshotPolicy.everyEvents(100)).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(loaded.eventsReplayed()).isEqualTo(300);
      assertThat(repository.counters().storeUnavailable()).isEqualTo(1);
      assertThat(repository.counters().snapshotsRequested()).isZero();
      assertThat(listener.calls).contains("unavailable Account/acc-1");
    }

    @Test
    @DisplayName("once the store answers again, loads use snapshots again and listeners hear that it is back")
    void storeBack() {
      List<Account.Event> events = append(120);
      typed(0).save("acc-1", 100, Account.replay(events.subList(0, 100)));
      java.util.concurrent.atomic.AtomicBoolean unreachable = new java.util.concurrent.atomic.AtomicBoolean(true);
      ForwardingStore flaky = new ForwardingStore(store) {
        @Override
        public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
          if (unreachable.get()) {
            throw new BackendUnavailableException("Redis", "connection refused", null);
          }
          return super.loadLatest(aggregateType, aggregateId);
        }
      };
      repository = builder(flaky).replayWhenStoreUnavailable(true).build();

      assertThat(repository.load("acc-1").fromSnapshot()).isFalse();
      unreachable.set(false);
      LoadedAggregate<Account> back = repository.load("acc-1");

      assertThat(back.snapshotVersion()).hasValue(100);
      assertThat(listener.calls).containsSubsequence("unavailable Account/acc-1", "available Account/acc-1");
      assertThat(listener.calls).filteredOn(call -> call.startsWith("available")).hasSize(1);
      assertThat(repository.counters().storeUnavailable()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad input is still an IllegalArgumentException, not a replay")
    void badInput() {
      repository = builder(down).replayWhenStoreUnavailable(true).build();

      assertThatThrownBy(() -> repository.load(" ")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("aggregateId");
    }
  }

  @Nested
  @DisplayName("Time travel")
  class TimeTravel {

    @Test
    @DisplayName("loads the newest snapshot at or before the version, then the events up to it")
    void asOf() {
      List<Account.Event> events = append(100);
      for (int version : new int[] {20, 40, 60}) {
        typed(0).save("acc-1", version, Account.replay(events.subList(0, version)));
      }
      repository = builder(store).build();

      LoadedAggregate<Account> at50 = repository.loadAsOf("acc-1", 50);
      assertThat(at50.state()).isEqualTo(Account.replay(events.subList(0, 50)));
      assertThat(at50.snapshotVersion()).hasValue(40);
      assertThat(at50.eventsReplayed()).isEqualTo(10);
      assertThat(at50.version()).isEqualTo(50);

      LoadedAggregate<Account> at40 = repository.loadAsOf("acc-1", 40);
      assertThat(at40.eventsReplayed()).isZero();
      assertThat(at40.state()).isEqualTo(Account.replay(events.subList(0, 40)));

      LoadedAggregate<Account> at10 = repository.loadAsOf("acc-1", 10);
      assertThat(at10.snapshotVersion()).isEmpty();
      assertThat(at10.state()).isEqualTo(Account.replay(events.subList(0, 10)));

      assertThat(repository.loadAsOf("acc-1", 0).state()).isEqualTo(Account.opened());
      assertThat(repository.loadAsOf("acc-1", 5_000).version()).isEqualTo(100);
    }

    @Test
    @DisplayName("skips a corrupt snapshot at or before the version for an older one")
    void asOfCorrupt() {
      List<Account.Event> events = append(100);
      typed(0).save("acc-1", 20, Account.replay(events.subList(0, 20)));
      saveGarbage(40);
      typed(0).save("acc-1", 60, Account.replay(events.subList(0, 60)));
      repository = builder(store).build();

      LoadedAggregate<Account> at50 = repository.loadAsOf("acc-1", 50);

      assertThat(at50.snapshotVersion()).hasValue(20);
      assertThat(at50.state()).isEqualTo(Account.replay(events.subList(0, 50)));
    }

    @Test
    @DisplayName("never takes a snapshot")
    void noSnapshot() {
      append(100);
      repository = builder(store).policy(SnapshotPolicy.eventsSinceSnapshot(1)).build();

      repository.loadAsOf("acc-1", 90);

      assertThat(store.history("Account", "acc-1")).isEmpty();
    }

    @Test
    @DisplayName("rejects a negative version")
    void negative() {
      repository = builder(store).build();

      assertThatThrownBy(() -> repository.loadAsOf("acc-1", -1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("version");
    }
  }

  @Nested
  @DisplayName("Snapshotting")
  class Snapshotting {

    @Test
    @DisplayName("a load the policy finds due saves a snapshot of the loaded state; the next load uses it")
    void afterLoad() {
      List<Account.Event> events = append(250);
      repository = builder(store).policy(SnapshotPolicy.everyEvents(100)).build();

      repository.load("acc-1");

      Snapshot saved = store.loadLatest("Account", "acc-1").orElseThrow();
      assertThat(saved.version()).isEqualTo(250);
      assertThat(typed(0).decode(saved).orElseThrow().state()).isEqualTo(Account.replay(events));
      LoadedAggregate<Account> again = repository.load("acc-1");
      assertThat(again.snapshotVersion()).hasValue(250);
      assertThat(again.eventsReplayed()).isZero();
      assertThat(repository.counters().snapshotsSaved()).isEqualTo(1);
      assertThat(listener.calls).contains("saved Account/acc-1@250 bytes");
    }

    @Test
    @DisplayName("afterCommand snapshots the new state once the policy is due")
    void afterCommand() {
      append(95);
      repository = builder(store).policy(SnapshotPolicy.everyEvents(100)).build();
      LoadedAggregate<Account> loaded = repository.load("acc-1");
      assertThat(store.history("Account", "acc-1")).isEmpty();

      List<Account.Event> more = List.of(new Account.Deposited(7), new Account.Deposited(8));
      long newVersion = log.append(ACC_1, loaded.version(), more);
      Account state = loaded.state().apply(more.get(0)).apply(more.get(1));
      assertThat(repository.afterCommand(loaded, state, newVersion)).isFalse();

      List<Account.Event> rest = Account.history(5);
      newVersion = log.append(ACC_1, newVersion, rest);
      for (Account.Event event : rest) {
        state = state.apply(event);
      }
      assertThat(repository.afterCommand(loaded, state, newVersion)).isTrue();

      assertThat(store.loadLatest("Account", "acc-1").orElseThrow().version()).isEqualTo(102);
      assertThat(repository.load("acc-1").state()).isEqualTo(state);
    }

    @Test
    @DisplayName("afterCommand rejects a version below the loaded one")
    void afterCommandBackwards() {
      append(10);
      repository = builder(store).build();
      LoadedAggregate<Account> loaded = repository.load("acc-1");

      assertThatThrownBy(() -> repository.afterCommand(loaded, loaded.state(), 9))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newVersion");
    }

    @Test
    @DisplayName("two concurrent loads of one stream trigger one snapshot")
    void oneSnapshotInFlightPerStream() throws Exception {
      append(150);
      CountDownLatch saveEntered = new CountDownLatch(1);
      CountDownLatch releaseSave = new CountDownLatch(1);
      ForwardingStore slowSaves = new ForwardingStore(store) {
        @Override
        public void save(Snapshot snapshot) {
          saveEntered.countDown();
          Await.latch("the test to release the blocked save", Duration.ofSeconds(30), releaseSave);
          super.save(snapshot);
        }
      };
      ExecutorService snapshotThreads = Executors.newFixedThreadPool(2);
      ExecutorService callers = Executors.newFixedThreadPool(2);
      try {
        repository = builder(slowSaves).policy(SnapshotPolicy.everyEvents(100)).executor(snapshotThreads).build();
        CountDownLatch start = new CountDownLatch(1);
        Future<LoadedAggregate<Account>> first = callers.submit(() -> {
          Await.latch("the start signal", Duration.ofSeconds(10), start);
          return repository.load("acc-1");
        });
        Future<LoadedAggregate<Account>> second = callers.submit(() -> {
          Await.latch("the start signal", Duration.ofSeconds(10), start);
          return repository.load("acc-1");
        });
        start.countDown();
        Await.result("the first load", Duration.ofSeconds(10), first);
        Await.result("the second load", Duration.ofSeconds(10), second);
        Await.latch("the one snapshot to start saving", Duration.ofSeconds(10), saveEntered);
        // Both loads are done and the one snapshot is still blocked in save: the second could not start another.
        assertThat(repository.counters().snapshotsRequested()).isEqualTo(1);
        assertThat(repository.counters().snapshotsSkippedInFlight()).isEqualTo(1);
        assertThat(listener.calls).contains("scheduled Account/acc-1@150", "skipped Account/acc-1@150");

        releaseSave.countDown();
        assertThat(repository.awaitSnapshots(Duration.ofSeconds(10))).isTrue();
        assertThat(slowSaves.saves.get()).isEqualTo(1);
        assertThat(repository.counters().snapshotsSaved()).isEqualTo(1);
        assertThat(repository.load("acc-1").snapshotVersion()).hasValue(150);
      } finally {
        releaseSave.countDown();
        callers.shutdownNow();
        snapshotThreads.shutdownNow();
      }
    }

    @Test
    @DisplayName("different streams snapshot independently")
    void otherStreamsIndependent() {
      append(100);
      log.append(StreamId.of("Account", "acc-2"), 0, Account.history(100));
      List<Runnable> queued = new java.util.ArrayList<>();
      repository = builder(store).policy(SnapshotPolicy.everyEvents(100)).executor(queued::add).build();

      repository.load("acc-1");
      repository.load("acc-1");
      repository.load("acc-2");

      assertThat(queued).hasSize(2);
      queued.forEach(Runnable::run);
      assertThat(store.stats("Account").streams()).isEqualTo(2);
    }

    @Test
    @DisplayName("a failing snapshot save never fails the load that triggered it, and is counted and reported")
    void saveFailureIsHidden() {
      List<Account.Event> events = append(120);
      ForwardingStore failingSaves = new ForwardingStore(store) {
        @Override
        public void save(Snapshot snapshot) {
          throw new BackendUnavailableException("Redis", "read-only replica", null);
        }
      };
      repository = builder(failingSaves).policy(SnapshotPolicy.everyEvents(100)).build();

      LoadedAggregate<Account> loaded = repository.load("acc-1");
      repository.load("acc-1");

      assertThat(loaded.state()).isEqualTo(Account.replay(events));
      assertThat(repository.counters().snapshotFailures()).isEqualTo(2);
      assertThat(listener.calls).contains("failed Account/acc-1@120");
    }

    @Test
    @DisplayName("a state the serializer cannot write is a counted failure, not an error for the caller")
    void serializationFailureIsHidden() {
      AggregateDefinition<Object, Account.Event> unserializable =
          AggregateDefinition.of(Object::new, (state, event) -> new Object());
      append(120);
      AggregateRepository<Object, Account.Event> objects =
          AggregateRepository.builder(Views.of(store, "Account", Object.class), log, unserializable)
          .policy(SnapshotPolicy.everyEvents(100)).executor(Runnable::run).build();
      try {
        assertThat(objects.load("acc-1").version()).isEqualTo(120);
        assertThat(objects.counters().snapshotFailures()).isEqualTo(1);
      } finally {
        objects.close();
      }
    }

    @Test
    @DisplayName("an executor that rejects the snapshot is a counted failure, and the stream can snapshot later")
    void rejectedExecution() {
      append(120);
      repository = builder(store).policy(SnapshotPolicy.everyEvents(100)).executor(task -> {
        throw new RejectedExecutionException("saturated");
      }).build();

      assertThat(repository.load("acc-1").version()).isEqualTo(120);
      repository.load("acc-1");

      assertThat(repository.counters().snapshotFailures()).isEqualTo(2);
      assertThat(repository.counters().snapshotsSkippedInFlight()).isZero();
    }

    @Test
    @DisplayName("the default executor snapshots off the calling thread and close waits for it")
    void defaultExecutor() {
      append(100);
      AggregateRepository<Account, Account.Event> owned =
          AggregateRepository.builder(Views.accounts(store), log, Account.DEFINITION)
              .policy(SnapshotPolicy.everyEvents(100)).build();

      owned.load("acc-1");
      owned.close();

      assertThat(store.loadLatest("Account", "acc-1").map(Snapshot::version)).hasValue(100L);
      owned.load("acc-1");
      assertThat(owned.counters().snapshotsRequested()).isEqualTo(1);
    }

    @Test
    @DisplayName("snapshotIfDue saves synchronously only when the policy says so")
    void snapshotIfDue() {
      append(80);
      repository = builder(store).build();

      assertThat(repository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(100))).isFalse();
      assertThat(repository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(50))).isTrue();
      assertThat(repository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(1))).isFalse();
      assertThat(store.loadLatest("Account", "acc-1").map(Snapshot::version)).hasValue(80L);
    }

    @Test
    @DisplayName("snapshotIfDue works with an event source that cannot tell its head version")
    void snapshotIfDueWithoutHead() {
      append(80);
      EventSource<Account.Event> headless = log::read;
      AggregateRepository<Account, Account.Event> headlessRepository =
          AggregateRepository.builder(Views.accounts(store), headless, Account.DEFINITION).executor(Runnable::run).build();
      try {
        assertThat(headlessRepository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(100))).isFalse();
        assertThat(headlessRepository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(50))).isTrue();
        assertThat(headless.headVersion(ACC_1)).isEqualTo(OptionalLong.empty());
      } finally {
        headlessRepository.close();
      }
    }

    @Test
    @DisplayName("snapshotIfDue reports a failed save to its caller")
    void snapshotIfDueFailure() {
      append(80);
      ForwardingStore failingSaves = new ForwardingStore(store) {
        @Override
        public void save(Snapshot snapshot) {
          throw new BackendUnavailableException("SQL Server", "timeout", null);
        }
      };
      repository = builder(failingSaves).build();

      assertThatThrownBy(() -> repository.snapshotIfDue("acc-1", SnapshotPolicy.eventsSinceSnapshot(1)))
          .isInstanceOf(BackendUnavailableException.class);
      assertThat(repository.counters().snapshotFailures()).isEqualTo(1);
    }
  }
}
