package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.rehydration.EventLog;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamCatalog;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydration.WrongExpectedVersionException;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.tck.KitRandom;

/**
 * What every event log must do for the repository and the background snapshotter, as numbered rules (E1-E7, listed
 * in this module's README), one {@code @Nested} group per rule and display names that start with the rule id. A log
 * under test extends this class and gives the log ({@link #createLog()}); the in-memory reference runs it too
 * ({@code InMemoryEventLogKitTest}), so the kit's expectations are the reference's behaviour.
 *
 * <p>One log serves every test of a class; each test works under aggregate types of its own, so tests never see
 * each other's streams. Random data comes from {@link KitRandom} (one seed per run, printed on failure).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KitRandom.SeedReporter.class)
abstract class EventSourceKit {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /** A log and its catalog (usually the same object), empty or holding only other tests' types. */
  protected record Fixture(EventLog<KitEvent> log, StreamCatalog catalog, AutoCloseable resources) {}

  private Fixture fixture;
  private String type;
  private Random random;

  /** Called once per test class. */
  protected abstract Fixture createLog() throws Exception;

  /** The longest aggregate id the log accepts; the hostile-id tests use one that long. */
  protected int maxKeyLength() {
    return 200;
  }

  @BeforeAll
  void openLog() throws Exception {
    fixture = createLog();
  }

  @AfterAll
  void closeLog() throws Exception {
    fixture.resources().close();
  }

  @BeforeEach
  void newType(TestInfo test) {
    type = "Kit-" + UUID.randomUUID();
    random = KitRandom.random(test);
  }

  private EventLog<KitEvent> log() {
    return fixture.log();
  }

  private StreamId stream(String id) {
    return StreamId.of(type, id);
  }

  private List<KitEvent> events(int count, String prefix) {
    List<KitEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new KitEvent(random.nextInt(3) == 0 ? KitEvent.CORRECTED : KitEvent.NOTED,
          prefix + " " + random.nextInt(1_000_000) + " \"quoted\" 'single' \\ 日本 😀 \t", random.nextLong()));
    }
    return events;
  }

  private List<RecordedEvent<KitEvent>> read(StreamId stream, long from, long to) {
    try (Stream<RecordedEvent<KitEvent>> events = log().read(stream, from, to)) {
      return events.toList();
    }
  }

  private static List<KitEvent> eventsOf(List<RecordedEvent<KitEvent>> recorded) {
    return recorded.stream().map(RecordedEvent::event).toList();
  }

  private static List<Long> versionsOf(List<RecordedEvent<KitEvent>> recorded) {
    return recorded.stream().map(RecordedEvent::version).toList();
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  private long head(StreamId stream) {
    return log().headVersion(stream).orElseGet(() -> read(stream, 1, Long.MAX_VALUE).size());
  }

  private Set<String> listed(String aggregateType) {
    try (Stream<StreamId> streams = fixture.catalog().streams(aggregateType)) {
      List<StreamId> all = streams.toList();
      assertThat(all).as("streams listed for %s", aggregateType).doesNotHaveDuplicates()
          .allSatisfy(stream -> assertThat(stream.aggregateType()).isEqualTo(aggregateType));
      return all.stream().map(StreamId::aggregateId).collect(Collectors.toSet());
    }
  }

  @Nested
  @DisplayName("E1 ordering")
  class Ordering {

    @Test
    @DisplayName("E1 a stream reads back every appended event, in version order from 1, exactly as appended")
    void everyEventInOrder() {
      StreamId stream = stream("order-1");
      List<KitEvent> appended = new ArrayList<>();
      long version = 0;
      for (int batch = 0; batch < 12; batch++) {
        List<KitEvent> events = events(1 + random.nextInt(40), "batch " + batch);
        version = log().append(stream, version, events);
        appended.addAll(events);
        assertThat(version).isEqualTo(appended.size());
      }

      List<RecordedEvent<KitEvent>> read = read(stream, 1, Long.MAX_VALUE);

      assertThat(versionsOf(read)).isEqualTo(range(1, appended.size()));
      assertThat(eventsOf(read)).isEqualTo(appended);
      assertThat(head(stream)).isEqualTo(appended.size());
    }

    @Test
    @DisplayName("E1 interleaved appends to two streams keep each stream's own order")
    void interleavedStreams() {
      StreamId first = stream("a");
      StreamId second = stream("b");
      List<KitEvent> firstEvents = new ArrayList<>();
      List<KitEvent> secondEvents = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        List<KitEvent> one = events(1 + random.nextInt(3), "a" + i);
        List<KitEvent> two = events(1 + random.nextInt(3), "b" + i);
        log().append(first, firstEvents.size(), one);
        log().append(second, secondEvents.size(), two);
        firstEvents.addAll(one);
        secondEvents.addAll(two);
      }

      assertThat(eventsOf(read(first, 1, Long.MAX_VALUE))).isEqualTo(firstEvents);
      assertThat(eventsOf(read(second, 1, Long.MAX_VALUE))).isEqualTo(secondEvents);
    }
  }

  @Nested
  @DisplayName("E2 ranges")
  class Ranges {

    private StreamId fifty() {
      StreamId stream = stream("fifty");
      log().append(stream, 0, events(50, "e"));
      return stream;
    }

    @Test
    @DisplayName("E2 read(from, to) gives exactly the versions from..to that exist, both ends included")
    void inclusiveRanges() {
      StreamId stream = fifty();
      List<KitEvent> all = eventsOf(read(stream, 1, Long.MAX_VALUE));

      assertThat(versionsOf(read(stream, 10, 20))).isEqualTo(range(10, 20));
      assertThat(eventsOf(read(stream, 10, 20))).isEqualTo(all.subList(9, 20));
      assertThat(versionsOf(read(stream, 30, 30))).containsExactly(30L);
      assertThat(versionsOf(read(stream, 45, 1_000))).isEqualTo(range(45, 50));
      assertThat(versionsOf(read(stream, 50, Long.MAX_VALUE))).containsExactly(50L);
    }

    @Test
    @DisplayName("E2 a start below 1 starts at version 1; readFrom reads to the end")
    void openEnds() {
      StreamId stream = fifty();

      assertThat(versionsOf(read(stream, 0, 5))).isEqualTo(range(1, 5));
      assertThat(versionsOf(read(stream, -7, 3))).isEqualTo(range(1, 3));
      try (Stream<RecordedEvent<KitEvent>> tail = log().readFrom(stream, 48)) {
        assertThat(tail.map(RecordedEvent::version).toList()).containsExactly(48L, 49L, 50L);
      }
    }

    @Test
    @DisplayName("E2 a range past the end, or with its end before its start, is empty")
    void emptyRanges() {
      StreamId stream = fifty();

      assertThat(read(stream, 51, Long.MAX_VALUE)).isEmpty();
      assertThat(read(stream, 20, 10)).isEmpty();
      assertThat(read(stream, 1, 0)).isEmpty();
    }

    @Test
    @DisplayName("E2 a stream closed half-way can be read again, and sees appends made since")
    void closedHalfWay() {
      StreamId stream = fifty();
      try (Stream<RecordedEvent<KitEvent>> events = log().read(stream, 1, Long.MAX_VALUE)) {
        assertThat(events.limit(5).map(RecordedEvent::version).toList()).isEqualTo(range(1, 5));
      }
      log().append(stream, 50, events(2, "later"));

      assertThat(versionsOf(read(stream, 1, Long.MAX_VALUE))).isEqualTo(range(1, 52));
    }
  }

  @Nested
  @DisplayName("E3 empty and unknown streams")
  class EmptyAndUnknown {

    @Test
    @DisplayName("E3 an unknown stream has no events and head version 0")
    void unknownStream() {
      StreamId unknown = stream("never-appended");

      assertThat(read(unknown, 1, Long.MAX_VALUE)).isEmpty();
      assertThat(read(unknown, 0, 0)).isEmpty();
      assertThat(head(unknown)).isZero();
    }

    @Test
    @DisplayName("E3 a stream of another type with the same id is another stream")
    void otherTypeSameId() {
      log().append(stream("shared-id"), 0, events(3, "mine"));
      StreamId other = StreamId.of(type + "-other", "shared-id");

      assertThat(read(other, 1, Long.MAX_VALUE)).isEmpty();
      assertThat(head(other)).isZero();
      assertThat(listed(type + "-other")).isEmpty();
      assertThat(listed(type)).containsExactly("shared-id");
    }

    @Test
    @DisplayName("E3 appending nothing at the right version changes nothing; at a wrong one it is refused")
    void emptyAppend() {
      StreamId stream = stream("nothing");

      assertThat(log().append(stream, 0, List.of())).isZero();
      assertThat(listed(type)).isEmpty();
      log().append(stream, 0, events(2, "x"));
      assertThat(log().append(stream, 2, List.of())).isEqualTo(2);
      assertThatThrownBy(() -> log().append(stream, 1, List.of()))
          .isInstanceOf(WrongExpectedVersionException.class);
      assertThat(head(stream)).isEqualTo(2);
    }
  }

  /** Ids that break naive SQL, LIKE patterns, key encodings, collations and case folding. */
  private List<String> hostileIds() {
    List<String> ids = new ArrayList<>(List.of("a", "A", "a%", "a_", "a%b", "a_b", "%", "_", "a'b", "a\"b", "a\\b",
        "a;DROP TABLE events;--", "' OR '1'='1", "a b", " a", "a ", "a\tb", "a\nb", "{a}", "a:b", "a*", "a?", "[a]",
        "ümlaut", "umlaut", "Ümlaut", "日本語", "😀", "e\u0301", "\u00e9", "ı", "I", "ß", "ss"));
    ids.add("x".repeat(maxKeyLength()));
    ids.add("x".repeat(maxKeyLength() - 1));
    return ids;
  }

  @Nested
  @DisplayName("E4 hostile stream ids")
  class HostileIds {

    @Test
    @DisplayName("E4 every hostile id is a stream of its own: its own events, its own head, listed once as given")
    void isolated() {
      List<String> ids = hostileIds();
      for (int i = 0; i < ids.size(); i++) {
        log().append(stream(ids.get(i)), 0, List.of(KitEvent.noted(ids.get(i), i)));
        if (i % 3 == 0) {
          log().append(stream(ids.get(i)), 1, List.of(KitEvent.noted("second of " + i, i)));
        }
      }

      for (int i = 0; i < ids.size(); i++) {
        List<RecordedEvent<KitEvent>> read = read(stream(ids.get(i)), 1, Long.MAX_VALUE);
        assertThat(eventsOf(read).get(0)).as("first event of id #%d", i).isEqualTo(KitEvent.noted(ids.get(i), i));
        assertThat(read).as("events of id #%d", i).hasSize(i % 3 == 0 ? 2 : 1);
        assertThat(head(stream(ids.get(i)))).as("head of id #%d", i).isEqualTo(i % 3 == 0 ? 2 : 1);
      }
      assertThat(listed(type)).isEqualTo(new HashSet<>(ids));
    }

    @Test
    @DisplayName("E4 hostile aggregate types are types of their own")
    void hostileTypes() {
      List<String> suffixes = List.of("%", "_", "'", "\"", "\\", ";--", " ", "ü", "😀");
      for (String suffix : suffixes) {
        log().append(StreamId.of(type + suffix, "same"), 0, List.of(KitEvent.noted(suffix, 1)));
      }

      for (String suffix : suffixes) {
        StreamId stream = StreamId.of(type + suffix, "same");
        assertThat(eventsOf(read(stream, 1, Long.MAX_VALUE))).containsExactly(KitEvent.noted(suffix, 1));
        assertThat(listed(type + suffix)).containsExactly("same");
      }
      assertThat(listed(type)).isEmpty();
    }
  }

  @Nested
  @DisplayName("E5 expected version")
  class ExpectedVersion {

    @Test
    @DisplayName("E5 an append at another version than the stream's is refused with both versions, and appends nothing")
    void wrongExpectedVersion() {
      StreamId stream = stream("checked");
      log().append(stream, 0, events(5, "first"));
      List<KitEvent> before = eventsOf(read(stream, 1, Long.MAX_VALUE));

      for (long wrong : new long[] {0, 4, 6, 100}) {
        assertThatThrownBy(() -> log().append(stream, wrong, events(3, "late")))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
              assertThat(e.stream()).isEqualTo(stream);
              assertThat(e.expectedVersion()).isEqualTo(wrong);
              assertThat(e.actualVersion()).isEqualTo(5);
            });
      }

      assertThat(eventsOf(read(stream, 1, Long.MAX_VALUE))).isEqualTo(before);
      assertThat(log().append(stream, 5, events(1, "right"))).isEqualTo(6);
    }

    @Test
    @DisplayName("E5 a new stream is at version 0")
    void newStreamAtZero() {
      StreamId stream = stream("new");

      assertThatThrownBy(() -> log().append(stream, 1, events(1, "x")))
          .isInstanceOfSatisfying(WrongExpectedVersionException.class,
              e -> assertThat(e.actualVersion()).isZero());
      assertThat(log().append(stream, 0, events(4, "x"))).isEqualTo(4);
    }

    @Test
    @DisplayName("E5 a negative expected version is bad input on every log (not \"any version\"), and appends nothing")
    void negativeExpectedVersion() {
      StreamId stream = stream("negative");
      log().append(stream, 0, events(2, "first"));

      assertThatThrownBy(() -> log().append(stream, -1, events(1, "late")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expectedVersion must be >= 0 but was -1");
      assertThat(head(stream)).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("E6 concurrent appends")
  class ConcurrentAppends {

    /**
     * Holds in every interleaving: whoever writes first wins, and every other writer finds the stream moved, either
     * before writing or at the write. Logs may force the interleaving where both write (see the PostgreSQL tests).
     */
    @Test
    @DisplayName("E6 appends racing at one expected version: exactly one wins, every other one is refused")
    void oneWins() throws Exception {
      StreamId stream = stream("race");
      log().append(stream, 0, events(3, "before"));
      int writers = 8;
      List<List<KitEvent>> batches = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        batches.add(events(1 + i, "writer " + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (List<KitEvent> batch : batches) {
          results.add(pool.submit(() -> {
            start.await();
            try {
              return log().append(stream, 3, batch);
            } catch (WrongExpectedVersionException lost) {
              return lost;
            }
          }));
        }
        start.countDown();

        int winner = -1;
        for (int i = 0; i < writers; i++) {
          Object outcome = Await.result("append of writer " + i, DEADLINE, results.get(i));
          if (outcome instanceof WrongExpectedVersionException lost) {
            assertThat(lost.expectedVersion()).isEqualTo(3);
            assertThat(lost.actualVersion()).isGreaterThan(3);
          } else {
            assertThat(winner).as("a second writer won: %d after %d", i, winner).isEqualTo(-1);
            assertThat(outcome).isEqualTo(3L + batches.get(i).size());
            winner = i;
          }
        }
        assertThat(winner).as("the writer that won").isNotEqualTo(-1);
        List<KitEvent> expected = new ArrayList<>(eventsOf(read(stream, 1, 3)));
        expected.addAll(batches.get(winner));
        assertThat(eventsOf(read(stream, 1, Long.MAX_VALUE))).isEqualTo(expected);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("E7 catalog")
  class Catalog {

    @Test
    @DisplayName("E7 the catalog lists every stream of the type with events, once, across pages, and no other")
    void everyStreamOnce() {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < JdbcEventSource.STREAMS_PAGE_SIZE + 37; i++) {
        String id = "patient-" + i;
        ids.add(id);
        log().append(stream(id), 0, List.of(KitEvent.noted("admitted", i)));
      }
      log().append(StreamId.of(type + "-elsewhere", "patient-1"), 0, List.of(KitEvent.noted("other", 1)));

      assertThat(listed(type)).isEqualTo(ids);
      assertThat(listed(type + "-elsewhere")).containsExactly("patient-1");
      assertThat(listed(type + "-never")).isEmpty();
    }
  }
}
