package dev.snapshotstore.rehydration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

class SnapshotEquivalenceCheckTest {

  @Nested
  @DisplayName("Passes on correct aggregates")
  class Passes {

    @Test
    @DisplayName("an order with lines, totals, status and timestamps, at every cut point")
    void order() {
      SnapshotEquivalenceCheck.Result result =
          SnapshotEquivalenceCheck.forAggregate(Views.inMemory(Order.class), Order.DEFINITION, Order::randomHistory)
              .streams(25)
              .maxCutPoints(200).run();

      assertThat(result.streams()).isEqualTo(25);
      assertThat(result.cutPoints()).isEqualTo(result.events());
    }

    @Test
    @DisplayName("a bank account, through a compressing codec")
    void bankAccountCompressed() {
      SnapshotEquivalenceCheck.Result result =
          SnapshotEquivalenceCheck.forAggregate(Views.inMemory(BankAccount.class, new DeflateTestCodec()),
                  BankAccount.DEFINITION, BankAccount::randomHistory)
              .streams(20)
              .run();

      assertThat(result.cutPoints()).isPositive();
    }

    @Test
    @DisplayName("a long stream is checked at a random sample of cut points")
    void sampled() {
      SnapshotEquivalenceCheck.Result result = SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(BankAccount.class), BankAccount.DEFINITION, random -> IntStream.range(0, 3_000)
              .mapToObj(i -> (BankAccount.Event) new BankAccount.Deposited(1 + random.nextInt(100)))
              .toList())
          .streams(3)
          .maxCutPoints(10)
          .run();

      assertThat(result).isEqualTo(new SnapshotEquivalenceCheck.Result(3, 30, 9_000));
    }

    @Test
    @DisplayName("a mutable state without equals, compared field by field")
    void mutableState() {
      SnapshotEquivalenceCheck.Result result = SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Tally.class), Tally.DEFINITION,
              random -> IntStream.range(0, 1 + random.nextInt(40))
              .mapToObj(i -> "name-" + random.nextInt(5)).toList())
          .recursiveComparison()
          .run();

      assertThat(result.cutPoints()).isPositive();
    }

    @Test
    @DisplayName("through the view's store, leaving it open and empty")
    void givenStore() {
      InMemorySnapshotStore store = InMemorySnapshotStore.builder().retention(Retention.keepLast(1)).build();

      SnapshotEquivalenceCheck.forAggregate(Views.of(store, "Order", Order.class), Order.DEFINITION,
          Order::randomHistory).streams(3).run();

      assertThat(store.stats("Order").snapshots()).isZero();
    }
  }

  @Nested
  @DisplayName("Catches")
  class Catches {

    @Test
    @DisplayName("a state field the serializer silently drops (@JsonIgnore)")
    void jsonIgnoredField() {
      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(IgnoringAccount.class), IgnoringAccount.DEFINITION, random -> List.of(5L, 7L, 11L))
          .streams(1)
          .run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("snapshot at version 1 of stream #0")
          .hasMessageContaining("drops or changes part of the state")
          .hasMessageContaining("depositCount=1")
          .hasMessageContaining("depositCount=0");
    }

    @Test
    @DisplayName("a private field without accessors, which Jackson never sees")
    void fieldWithoutGetter() {
      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Ledger.class), Ledger.DEFINITION, random -> List.of("a", "b"))
          .streams(1)
          .run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("snapshot at version 1");
    }

    @Test
    @DisplayName("a codec that does not give back what it was given")
    void lossyCodec() {
      PayloadCodec truncating = new PayloadCodec() {
        @Override
        public String id() {
          return "truncating";
        }

        @Override
        public EncodedPayload encode(byte[] raw) {
          return new EncodedPayload(id(), java.util.Arrays.copyOf(raw, raw.length / 2));
        }

        @Override
        public ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes) {
          return stored;
        }
      };

      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class, truncating), Order.DEFINITION, Order::randomHistory)
          .streams(1).run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("cannot be read back");
    }

    @Test
    @DisplayName("compared field by field: a dropped field of a class without equals, named by its path")
    void recursiveComparisonNamesTheField() {
      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(HiddenTally.class), HiddenTally.DEFINITION, random -> List.of("a", "b", "c"))
          .recursiveComparison()
          .streams(1)
          .run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("snapshot at version 1 of stream #0")
          .hasMessageContaining("first difference: state.inner.secret: expected a but was null");
    }

    @Test
    @DisplayName("a generator that produces nothing, instead of passing vacuously")
    void emptyGenerator() {
      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class), Order.DEFINITION, random -> List.of()).run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("nothing was checked");
    }
  }

  @Nested
  @DisplayName("Through a given event log")
  class GivenEventLog {

    /** Delegates to an in-memory log, counting the read streams it opens and those closed again. */
    private static final class CountingLog implements EventLog<Order.Event> {
      final InMemoryEventLog<Order.Event> delegate = InMemoryEventLog.create();
      final AtomicInteger opened = new AtomicInteger();
      final AtomicInteger closed = new AtomicInteger();

      @Override
      public Stream<RecordedEvent<Order.Event>> read(StreamId stream, long fromVersion, long toVersion) {
        opened.incrementAndGet();
        return delegate.read(stream, fromVersion, toVersion).onClose(closed::incrementAndGet);
      }

      @Override
      public long append(StreamId stream, long expectedVersion, List<? extends Order.Event> events) {
        return delegate.append(stream, expectedVersion, events);
      }
    }

    private Set<String> streamsOf(InMemoryEventLog<Order.Event> log) {
      try (Stream<StreamId> streams = log.streams("Order")) {
        return streams.map(StreamId::aggregateId).collect(Collectors.toSet());
      }
    }

    @Test
    @DisplayName("loads read their tails from it, every read closed; each run appends streams of its own")
    void readsThroughIt() {
      CountingLog log = new CountingLog();

      SnapshotEquivalenceCheck.Result first = SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class), Order.DEFINITION, Order::randomHistory)
          .eventLog(log).streams(4).run();
      Set<String> afterFirst = streamsOf(log.delegate);
      SnapshotEquivalenceCheck.Result second = SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class), Order.DEFINITION, Order::randomHistory)
          .eventLog(log).streams(4).run();

      assertThat(second).isEqualTo(first);
      assertThat(afterFirst).hasSize(4).allSatisfy(id -> assertThat(id).matches("equivalence-[0-9a-f]{8}-[0-3]"));
      assertThat(streamsOf(log.delegate)).hasSize(8).containsAll(afterFirst);
      assertThat(log.opened.get()).as("reads, at least one per cut point").isGreaterThanOrEqualTo(
          (int) (first.cutPoints() + second.cutPoints()));
      assertThat(log.closed.get()).as("reads closed").isEqualTo(log.opened.get());
    }

    @Test
    @DisplayName("catches an event log that loses an event on the way back")
    void lossyLog() {
      InMemoryEventLog<Order.Event> delegate = InMemoryEventLog.create();
      EventLog<Order.Event> losing = new EventLog<>() {
        @Override
        public Stream<RecordedEvent<Order.Event>> read(StreamId stream, long fromVersion, long toVersion) {
          return delegate.read(stream, fromVersion, toVersion).filter(event -> event.version() != 3);
        }

        @Override
        public long append(StreamId stream, long expectedVersion, List<? extends Order.Event> events) {
          return delegate.append(stream, expectedVersion, events);
        }
      };

      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class), Order.DEFINITION, Order::randomHistory)
          .eventLog(losing).streams(3).run())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("loading stream #")
          .hasMessageContaining("did not start from the snapshot at version 1");
    }

    @Test
    @DisplayName("refuses a null log before running")
    void nullLog() {
      assertThatThrownBy(() -> SnapshotEquivalenceCheck
          .forAggregate(Views.inMemory(Order.class), Order.DEFINITION, Order::randomHistory).eventLog(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("eventLog must not be null");
    }
  }

  /** Counts deposits, but the count is hidden from JSON: snapshots silently reset it. */
  record IgnoringAccount(long balance, @JsonIgnore int depositCount) {
    static final AggregateDefinition<IgnoringAccount, Long> DEFINITION = AggregateDefinition.of(
        () -> new IgnoringAccount(0, 0),
        (state, amount) -> new IgnoringAccount(state.balance() + amount, state.depositCount() + 1));
  }

  /** A bean whose last entry lives in a private field with no accessor. */
  public static final class Ledger {
    static final AggregateDefinition<Ledger, String> DEFINITION =
        AggregateDefinition.of(Ledger::new, Ledger::with);

    private int entries;
    private String lastEntry = "";

    public int getEntries() {
      return entries;
    }

    public void setEntries(int entries) {
      this.entries = entries;
    }

    Ledger with(String entry) {
      Ledger next = new Ledger();
      next.entries = entries + 1;
      next.lastEntry = entry;
      return next;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Ledger that && entries == that.entries && lastEntry.equals(that.lastEntry);
    }

    @Override
    public int hashCode() {
      return Objects.hash(entries, lastEntry);
    }

    @Override
    public String toString() {
      return "Ledger[entries=" + entries + ", lastEntry=" + lastEntry + "]";
    }
  }

  /** Without equals, holding an object whose one field JSON never sees. */
  public static final class HiddenTally {
    static final AggregateDefinition<HiddenTally, String> DEFINITION =
        AggregateDefinition.of(HiddenTally::new, (tally, name) -> {
          HiddenTally next = new HiddenTally();
          next.count = tally.count + 1;
          next.inner.names = tally.inner.names + 1;
          next.inner.secret = name;
          return next;
        });

    public long count;
    public Inner inner = new Inner();

    /** Its field is written by the aggregate but ignored by the serializer. */
    public static final class Inner {
      public int names;
      @JsonIgnore
      public String secret;
    }
  }

  /** Mutated in place by every event and without equals: the check must capture it at each cut. */
  public static final class Tally {
    static final AggregateDefinition<Tally, String> DEFINITION =
        AggregateDefinition.of(Tally::new, (tally, name) -> {
          tally.count++;
          tally.names.add(name);
          return tally;
        });

    public long count;
    public List<String> names = new ArrayList<>();
  }

  @Test
  @DisplayName("the same seed gives the same streams")
  void reproducible() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    SnapshotEquivalenceCheck.forAggregate(Views.inMemory(Order.class), Order.DEFINITION, (Random random) -> {
      List<Order.Event> events = Order.randomHistory(random);
      first.add(events.size());
      return events;
    }).seed(7).streams(5).run();
    SnapshotEquivalenceCheck.forAggregate(Views.inMemory(Order.class), Order.DEFINITION, (Random random) -> {
      List<Order.Event> events = Order.randomHistory(random);
      second.add(events.size());
      return events;
    }).seed(7).streams(5).run();

    assertThat(first).isEqualTo(second).hasSize(5);
  }
}
