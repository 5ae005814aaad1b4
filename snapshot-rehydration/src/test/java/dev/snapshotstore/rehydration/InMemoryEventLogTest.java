package dev.snapshotstore.rehydration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.tck.Await;

class InMemoryEventLogTest {

  private static final StreamId S = StreamId.of("Order", "o-1");
  private final InMemoryEventLog<String> log = InMemoryEventLog.create();

  private List<Long> versions(Stream<RecordedEvent<String>> events) {
    try (events) {
      return events.map(RecordedEvent::version).toList();
    }
  }

  @Test
  @DisplayName("numbers events from 1 and reads version ranges inclusively")
  void readsRanges() {
    assertThat(log.append(S, 0, List.of("a", "b", "c", "d"))).isEqualTo(4);

    assertThat(versions(log.readFrom(S, 1))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(versions(log.read(S, 2, 3))).containsExactly(2L, 3L);
    assertThat(versions(log.readFrom(S, 5))).isEmpty();
    assertThat(versions(log.read(S, 0, 1))).containsExactly(1L);
    assertThat(log.read(S, 3, 3).findFirst().orElseThrow().event()).isEqualTo("c");
    assertThat(versions(log.readFrom(StreamId.of("Order", "none"), 1))).isEmpty();
  }

  @Test
  @DisplayName("an append with the wrong expected version fails and changes nothing")
  void expectedVersion() {
    log.append(S, 0, List.of("a"));

    assertThatThrownBy(() -> log.append(S, 0, List.of("b")))
        .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
          assertThat(e.actualVersion()).isEqualTo(1);
          assertThat(e.expectedVersion()).isZero();
        })
        .hasMessageContaining("Order/o-1");
    assertThat(log.headVersion(S)).hasValue(1);
  }

  @Test
  @DisplayName("a reader keeps the view it opened while appends go on")
  void stableReads() {
    log.append(S, List.of("a", "b"));
    Stream<RecordedEvent<String>> open = log.readFrom(S, 1);
    log.append(S, Stream.generate(() -> "x").limit(100).toList());

    assertThat(versions(open)).containsExactly(1L, 2L);
    assertThat(log.headVersion(S)).hasValue(102);
  }

  @Test
  @DisplayName("lists the non-empty streams of a type")
  void lists() {
    log.append(StreamId.of("Order", "b"), List.of("x"));
    log.append(StreamId.of("Order", "a"), List.of("x"));
    log.append(StreamId.of("Invoice", "c"), List.of("x"));
    log.append(StreamId.of("Order", "empty"), List.of());

    try (Stream<StreamId> orders = log.streams("Order")) {
      assertThat(orders).containsExactly(StreamId.of("Order", "a"), StreamId.of("Order", "b"));
    }
  }

  @Test
  @DisplayName("concurrent appends with expected versions never lose or duplicate a version")
  void concurrentAppends() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(threads.submit(() -> {
          int appended = 0;
          while (appended < 250) {
            long head = log.headVersion(S).orElseThrow();
            try {
              log.append(S, head, List.of("e"));
              appended++;
            } catch (WrongExpectedVersionException retry) {
              // Another thread won this version; read the head again.
            }
          }
          return appended;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(Await.result("a thread's 250 appends", Duration.ofSeconds(60), result)).isEqualTo(250);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(versions(log.readFrom(S, 1))).hasSize(1000).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("refuses a negative expected version as the JDBC event source does, and appends nothing")
  void negativeExpectedVersion() {
    log.append(S, 0, List.of("a"));

    assertThatThrownBy(() -> log.append(S, -1, List.of("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectedVersion must be >= 0 but was -1");
    assertThat(log.headVersion(S)).hasValue(1);
    // appending whatever the version has its own method
    assertThat(log.append(S, List.of("b"))).isEqualTo(2);
  }

  @Test
  @DisplayName("rejects null events by index")
  void nullEvent() {
    List<String> withNull = new ArrayList<>();
    withNull.add("a");
    withNull.add(null);

    assertThatThrownBy(() -> log.append(S, withNull)).hasMessageContaining("events[1]");
  }
}
