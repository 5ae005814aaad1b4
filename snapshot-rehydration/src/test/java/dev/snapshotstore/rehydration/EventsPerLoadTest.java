package dev.snapshotstore.rehydration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.tck.KitRandom;

/**
 * Measure first: the repository's counters keep, per aggregate type, how many events each load replayed and how far
 * its stream reached, and give their percentiles (exact to 63, within 1/32 above, never above the largest).
 */
@ExtendWith(KitRandom.SeedReporter.class)
class EventsPerLoadTest {

  private static LoadedAggregate<Object> load(String type, long version, long replayed) {
    return new LoadedAggregate<>(StreamId.of(type, "x"), "state", version, replayed,
        replayed == version ? -1 : version - replayed, java.time.Duration.ZERO, -1);
  }

  @Test
  void percentilesOfSmallCountsAreExact() {
    RehydrationCounters counters = new RehydrationCounters();
    for (long replayed = 1; replayed <= 50; replayed++) {
      counters.loaded(load("Patient", replayed, replayed));
    }

    EventsPerLoad distribution = counters.eventsReplayed("Patient");

    assertThat(distribution.loads()).isEqualTo(50);
    assertThat(distribution.percentile(50)).isEqualTo(25);
    assertThat(distribution.percentile(95)).isEqualTo(48);
    assertThat(distribution.percentile(100)).isEqualTo(50);
    assertThat(distribution.max()).isEqualTo(50);
    assertThat(distribution.mean()).isEqualTo(25.5);
    assertThat(distribution).hasToString("EventsPerLoad[loads=50, mean=25.5, p50=25, p95=48, p99=50, max=50]");
  }

  @Test
  void percentilesOfLargeCountsAreWithinAThirtySecondAboveTheTrueOne(TestInfo test) {
    Random random = KitRandom.random(test);
    RehydrationCounters counters = new RehydrationCounters();
    List<Long> recorded = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      long replayed = (long) Math.exp(random.nextDouble() * Math.log(5_000_000));
      recorded.add(replayed);
      counters.loaded(load("Order", replayed + 7, replayed));
    }
    Collections.sort(recorded);

    EventsPerLoad distribution = counters.eventsReplayed("Order");
    for (double percent : new double[] {1, 10, 50, 90, 95, 99, 99.9, 100}) {
      long exact = recorded.get((int) Math.ceil(percent / 100 * recorded.size()) - 1);
      assertThat(distribution.percentile(percent)).as("p%s", percent)
          .isBetween(exact, exact + Math.max(0, exact / 32));
    }
    assertThat(distribution.max()).isEqualTo(recorded.get(recorded.size() - 1));
    assertThat(counters.streamLengths("Order").percentile(100)).isEqualTo(recorded.get(recorded.size() - 1) + 7);
  }

  @Test
  void eachTypeHasItsOwnDistributionAndAnUnknownTypeAnEmptyOne() {
    RehydrationCounters counters = new RehydrationCounters();
    counters.loaded(load("Patient", 4_000, 4_000));
    counters.loaded(load("Ward", 12, 12));

    assertThat(counters.eventsReplayed("Patient").percentile(50)).isBetween(4_000L, 4_000L + 4_000 / 32);
    assertThat(counters.eventsReplayed("Ward").percentile(50)).isEqualTo(12);
    EventsPerLoad none = counters.eventsReplayed("Never");
    assertThat(none.loads()).isZero();
    assertThat(none.percentile(95)).isZero();
    assertThat(none.mean()).isZero();
    assertThat(none).hasToString("EventsPerLoad[no loads]");
    assertThatThrownBy(() -> none.percentile(0)).hasMessage("percent must be > 0 and <= 100 but was 0.0");
    assertThatThrownBy(() -> none.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> counters.eventsReplayed(null)).hasMessage("aggregateType must not be null");
  }

  @Test
  void aRepositoryRecordsWhatEachLoadReplayedAndHowFarItsStreamReached() {
    InMemoryEventLog<Account.Event> events = InMemoryEventLog.create();
    for (int i = 0; i < 5; i++) {
      List<Account.Event> deposits = new ArrayList<>();
      for (int j = 0; j < 100 * (i + 1); j++) {
        deposits.add(new Account.Deposited(1));
      }
      events.append(StreamId.of("Account", "acc-" + i), 0, deposits);
    }
    try (AggregateRepository<Account, Account.Event> repository = AggregateRepository
        .builder(Views.accounts(InMemorySnapshotStore.create()), events, Account.DEFINITION)
        .policy(SnapshotPolicy.never())
        .build()) {
      for (int i = 0; i < 5; i++) {
        repository.load("acc-" + i);
      }
      repository.snapshots().save("acc-4", 450, repository.loadAsOf("acc-4", 450).state());
      repository.load("acc-4");

      EventsPerLoad replayed = repository.counters().eventsReplayed("Account");
      EventsPerLoad lengths = repository.counters().streamLengths("Account");
      // five full replays (100..500), the time-travel load (450), and a load of 50 events after the snapshot
      assertThat(replayed.loads()).isEqualTo(7);
      assertThat(replayed.percentile(10)).isEqualTo(50);
      assertThat(lengths.percentile(10)).isBetween(100L, 103L);
      assertThat(lengths.max()).isEqualTo(500);
    }
  }
}
